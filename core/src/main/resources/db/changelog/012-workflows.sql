--liquibase formatted sql

--changeset relaydesk:012-workflows
-- Workflow rules: a trigger, conditions and ordered actions (JSON in the API's shapes), and their run log.
CREATE TABLE workflow_rules (
    id            uuid PRIMARY KEY,
    workspace_id  uuid NOT NULL REFERENCES workspaces (id) DEFERRABLE INITIALLY DEFERRED,
    name          varchar(100) NOT NULL,
    enabled       boolean      NOT NULL DEFAULT true,
    position      integer      NOT NULL DEFAULT 0,
    trigger_event varchar(30)  NOT NULL,
    -- time-based triggers: how many hours after the ticket's creation or last update, and up to when they were checked
    trigger_hours numeric(8, 2),
    timed_checked_until timestamptz,
    conditions    jsonb        NOT NULL,
    actions       jsonb        NOT NULL,
    run_count     bigint       NOT NULL DEFAULT 0,
    last_run_at   timestamptz,
    created_at    timestamptz  NOT NULL DEFAULT now(),
    updated_at    timestamptz  NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX workflow_rules_name_idx ON workflow_rules (workspace_id, lower(name));
-- the engine's look-up on every ticket event: the enabled rules of one trigger, in order
CREATE INDEX workflow_rules_trigger_idx ON workflow_rules (workspace_id, trigger_event, position) WHERE enabled;

CREATE TABLE workflow_runs (
    id           uuid PRIMARY KEY,
    workspace_id uuid NOT NULL REFERENCES workspaces (id) DEFERRABLE INITIALLY DEFERRED,
    rule_id      uuid NOT NULL REFERENCES workflow_rules (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
    ticket_id    uuid NOT NULL REFERENCES tickets (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
    outcome      varchar(20)  NOT NULL,
    detail       text         NOT NULL,
    created_at   timestamptz  NOT NULL DEFAULT now()
);
CREATE INDEX workflow_runs_rule_idx ON workflow_runs (rule_id, created_at DESC);
