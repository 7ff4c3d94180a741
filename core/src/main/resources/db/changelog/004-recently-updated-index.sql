--liquibase formatted sql

--changeset relaydesk:004-recently-updated-index
-- The panels' "Recently updated" view sorts a workspace's tickets by last change; without an index
-- in that order PostgreSQL sorted every ticket of the workspace for each page.
CREATE INDEX tickets_updated_idx ON tickets (workspace_id, updated_at DESC, number DESC);
