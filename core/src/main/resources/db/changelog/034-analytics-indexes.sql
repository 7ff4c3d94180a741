--liquibase formatted sql

--changeset relaydesk:034-analytics-indexes
-- The reports count tickets solved in a period, and reopenings in a period: without these, each
-- such count read every ticket of the workspace (or every event of the period).
CREATE INDEX tickets_resolved_idx ON tickets (workspace_id, resolved_at) WHERE resolved_at IS NOT NULL;
CREATE INDEX ticket_events_reopened_idx ON ticket_events (workspace_id, created_at) WHERE action = 'reopened';
