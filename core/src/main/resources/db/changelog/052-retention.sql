--liquibase formatted sql

--changeset relaydesk:052-retention
-- A workspace's retention policies: tickets of some statuses (and channels, a category) that have not
-- changed for a number of days are closed, deleted, or lose their files, by an hourly job or on demand,
-- with a preview listing exactly those tickets. A ticket under legal hold is never touched.
CREATE TABLE retention_policies (
    id            uuid PRIMARY KEY,
    workspace_id  uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    name          text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    action        text NOT NULL CHECK (action IN ('close', 'delete', 'delete_attachments')),
    after_days    integer NOT NULL CHECK (after_days BETWEEN 1 AND 3650),
    statuses      text[] NOT NULL,
    channels      text[] NOT NULL DEFAULT '{}',
    category_id   uuid REFERENCES ticket_categories (id) ON DELETE CASCADE,
    enabled       boolean NOT NULL DEFAULT true,
    created_at    timestamptz NOT NULL,
    updated_at    timestamptz NOT NULL,
    last_run_at   timestamptz,
    last_run_count integer
);
CREATE INDEX retention_policies_workspace_idx ON retention_policies (workspace_id);

ALTER TABLE tickets ADD COLUMN legal_hold_at timestamptz;
ALTER TABLE tickets ADD COLUMN legal_hold_reason text;
CREATE INDEX tickets_legal_hold_idx ON tickets (workspace_id) WHERE legal_hold_at IS NOT NULL;
