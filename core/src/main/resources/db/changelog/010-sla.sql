--liquibase formatted sql

--changeset relaydesk:010-sla
-- Business calendars: when SLA clocks run. week: {"monday": [{"start": "09:00", "end": "17:00"}], ...}
-- (an end at or before its start runs into the next day); holidays: [{"date": "2026-12-25", "yearly": true, "name": "..."}].
CREATE TABLE business_calendars (
    id           uuid PRIMARY KEY,
    workspace_id uuid NOT NULL REFERENCES workspaces (id) DEFERRABLE INITIALLY DEFERRED,
    name         varchar(100) NOT NULL,
    time_zone    varchar(64)  NOT NULL,
    week         jsonb        NOT NULL,
    holidays     jsonb        NOT NULL DEFAULT '[]',
    created_at   timestamptz  NOT NULL DEFAULT now(),
    updated_at   timestamptz  NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX business_calendars_name_idx ON business_calendars (workspace_id, lower(name));

-- SLA policies, tried in position order against a ticket's conditions; the default applies when none matches.
-- Targets in minutes (decimal hours on the API, to the minute); overrides: {"urgent": {"first_response_minutes": 60, ...}};
-- conditions: {"priorities": [...], "category_ids": [...], "channels": [...], "requester_domains": [...]}.
CREATE TABLE sla_policies (
    id                     uuid PRIMARY KEY,
    workspace_id           uuid NOT NULL REFERENCES workspaces (id) DEFERRABLE INITIALLY DEFERRED,
    name                   varchar(100) NOT NULL,
    position               integer      NOT NULL DEFAULT 0,
    is_default             boolean      NOT NULL DEFAULT false,
    business_hours_only    boolean      NOT NULL DEFAULT false,
    calendar_id            uuid REFERENCES business_calendars (id) DEFERRABLE INITIALLY DEFERRED,
    first_response_minutes integer      NOT NULL,
    next_response_minutes  integer      NOT NULL,
    resolution_minutes     integer      NOT NULL,
    overrides              jsonb        NOT NULL DEFAULT '{}',
    conditions             jsonb        NOT NULL DEFAULT '{}',
    at_risk_percent        integer      NOT NULL DEFAULT 75 CHECK (at_risk_percent BETWEEN 1 AND 99),
    created_at             timestamptz  NOT NULL DEFAULT now(),
    updated_at             timestamptz  NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX sla_policies_name_idx ON sla_policies (workspace_id, lower(name));
CREATE UNIQUE INDEX sla_policies_one_default_idx ON sla_policies (workspace_id) WHERE is_default;

-- Every workspace starts with seed 003's table as its default policy (urgent 1 h / 4 h ... low 24 h / 72 h).
INSERT INTO sla_policies (id, workspace_id, name, position, is_default, first_response_minutes, next_response_minutes,
                          resolution_minutes, overrides)
SELECT gen_random_uuid(), w.id, 'Standard', 0, true, 480, 480, 1440,
       '{"critical": {"first_response_minutes": 60, "next_response_minutes": 60, "resolution_minutes": 240},
         "urgent": {"first_response_minutes": 60, "next_response_minutes": 60, "resolution_minutes": 240},
         "high": {"first_response_minutes": 240, "next_response_minutes": 240, "resolution_minutes": 480},
         "low": {"first_response_minutes": 1440, "next_response_minutes": 1440, "resolution_minutes": 4320}}'
FROM workspaces w;

-- Each ticket's SLA as last computed: the due times, its state, and when the watcher must look again.
ALTER TABLE tickets ADD COLUMN sla_policy_id uuid REFERENCES sla_policies (id) ON DELETE SET NULL DEFERRABLE INITIALLY DEFERRED;
ALTER TABLE tickets ADD COLUMN sla_first_response_due_at timestamptz;
ALTER TABLE tickets ADD COLUMN sla_next_response_due_at timestamptz;
ALTER TABLE tickets ADD COLUMN sla_resolution_due_at timestamptz;
ALTER TABLE tickets ADD COLUMN sla_state varchar(20);
-- the soonest due time of the running clocks: what "due soonest" sorts by
ALTER TABLE tickets ADD COLUMN sla_due_at timestamptz;
ALTER TABLE tickets ADD COLUMN sla_next_check_at timestamptz;
-- the at-risk and breach moments already raised, so that each is raised once ("metric:event:epoch-second" keys);
-- '*' means "take what is there now as known" (tickets that existed before SLA: no flood of old breaches)
ALTER TABLE tickets ADD COLUMN sla_announced text;
-- the watcher's only query: tickets whose next SLA moment has come, across workspaces, never a scan
CREATE INDEX tickets_sla_next_check_idx ON tickets (sla_next_check_at) WHERE sla_next_check_at IS NOT NULL;
-- "due soonest" in the queue
CREATE INDEX tickets_sla_due_idx ON tickets (workspace_id, sla_due_at) WHERE sla_due_at IS NOT NULL;
-- the queue's and the escalations' SLA filter
CREATE INDEX tickets_sla_state_idx ON tickets (workspace_id, sla_state, sla_due_at) WHERE sla_state IS NOT NULL;
-- tickets that exist already get their SLA from the watcher, in batches, after the upgrade
UPDATE tickets SET sla_next_check_at = now(), sla_announced = '*' WHERE status NOT IN ('RESOLVED', 'CLOSED', 'CANCELLED');
