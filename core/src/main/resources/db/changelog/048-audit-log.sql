--liquibase formatted sql

--changeset relaydesk:048-audit-log splitStatements:false
-- The audit log: security-relevant and administrative actions, who did them, when, from where, and
-- what changed. Append-only: rows are never updated, and deleted only by the retention job (which
-- says so in its transaction); each row's hash is an HMAC of its fields and the previous row's hash
-- of the same workspace, under a key derived from the installation's, so that a changed, removed or
-- inserted row shows when the chain is checked. No foreign keys: the record outlives what it names.
CREATE TABLE audit_events (
    seq            bigserial PRIMARY KEY,
    workspace_id   uuid NOT NULL,
    occurred_at    timestamptz NOT NULL,
    actor_id       uuid,
    actor_label    text NOT NULL,
    client_address text,
    action         text NOT NULL,
    target_type    text,
    target_id      text,
    target_label   text,
    before_value   text,
    after_value    text,
    prev_hash      text NOT NULL,
    hash           text NOT NULL
);
CREATE INDEX audit_events_workspace_idx ON audit_events (workspace_id, seq DESC);
CREATE INDEX audit_events_action_idx ON audit_events (workspace_id, action, seq DESC);

CREATE FUNCTION audit_events_append_only() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'DELETE' AND current_setting('relaydesk.audit_purge', true) = 'on' THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION 'the audit log is append-only';
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE ON audit_events
    FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();

-- How long a workspace keeps its audit log (days; the retention job deletes older entries).
ALTER TABLE workspace_security ADD COLUMN audit_retention_days integer NOT NULL DEFAULT 365
    CHECK (audit_retention_days BETWEEN 30 AND 3650);
