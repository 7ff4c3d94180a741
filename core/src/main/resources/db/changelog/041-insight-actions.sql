--liquibase formatted sql

--changeset relaydesk:041-insight-actions
-- What was done from an insight's button, by whom: the insights page shows it, and the ticket's own
-- timeline records the change itself (assignment, priority) with the same person as its actor.
CREATE TABLE insight_actions (
    id uuid PRIMARY KEY,
    workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    insight varchar(200) NOT NULL,
    action varchar(300) NOT NULL,
    label varchar(300) NOT NULL,
    user_id uuid,
    user_name varchar(200) NOT NULL,
    created_at timestamptz NOT NULL
);
CREATE INDEX insight_actions_recent_idx ON insight_actions (workspace_id, created_at DESC);
