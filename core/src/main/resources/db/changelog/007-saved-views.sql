--liquibase formatted sql

--changeset relaydesk:007-saved-views
-- A queue's filters saved under a name: personal (owner set) or shared with the workspace (owner null).
CREATE TABLE saved_views (
    id           uuid PRIMARY KEY,
    workspace_id uuid NOT NULL REFERENCES workspaces (id) DEFERRABLE INITIALLY DEFERRED,
    owner_id     uuid REFERENCES users (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
    name         varchar(100) NOT NULL,
    filters      jsonb        NOT NULL,
    created_at   timestamptz  NOT NULL DEFAULT now()
);
CREATE INDEX saved_views_workspace_idx ON saved_views (workspace_id, owner_id);
