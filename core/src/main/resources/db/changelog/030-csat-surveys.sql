--liquibase formatted sql

--changeset relaydesk:030-csat-surveys
-- A workspace's satisfaction survey settings; no row means the defaults (on, one day after the solve, links last 7 days).
CREATE TABLE csat_settings (
    workspace_id   uuid PRIMARY KEY REFERENCES workspaces (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
    enabled        boolean      NOT NULL DEFAULT true,
    delay_minutes  integer      NOT NULL DEFAULT 1440 CHECK (delay_minutes BETWEEN 0 AND 43200),
    expiry_days    integer      NOT NULL DEFAULT 7 CHECK (expiry_days BETWEEN 1 AND 90),
    send_email     boolean      NOT NULL DEFAULT true,
    send_whatsapp  boolean      NOT NULL DEFAULT true,
    subject        varchar(200) NOT NULL,
    body           text         NOT NULL,
    question       varchar(500) NOT NULL,
    updated_at     timestamptz  NOT NULL DEFAULT now()
);

-- One survey per resolution: the ticket and the moment it was solved (a reopen and a new solve is a new resolution).
-- status: scheduled (due_at), sent (through channel, the link's hash and its expiry), answered, cancelled (reopened,
-- surveys switched off) or unreachable (no channel could carry it: reason).
CREATE TABLE csat_surveys (
    id            uuid PRIMARY KEY,
    workspace_id  uuid NOT NULL REFERENCES workspaces (id) DEFERRABLE INITIALLY DEFERRED,
    ticket_id     uuid NOT NULL REFERENCES tickets (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
    resolved_at   timestamptz  NOT NULL,
    status        varchar(16)  NOT NULL,
    due_at        timestamptz  NOT NULL,
    channel       varchar(16),
    account_id    uuid,
    external_id   varchar(255),
    token_hash    varchar(64) UNIQUE,
    sent_at       timestamptz,
    expires_at    timestamptz,
    answered_at   timestamptz,
    reason        text,
    created_at    timestamptz  NOT NULL DEFAULT now(),
    UNIQUE (ticket_id, resolved_at)
);
-- The survey job claims due rows with FOR UPDATE SKIP LOCKED; only scheduled ones are indexed.
CREATE INDEX csat_surveys_due_idx ON csat_surveys (due_at) WHERE status = 'scheduled';

-- A rating may now belong to a survey (one each), and a ticket solved twice may be rated twice, once per resolution.
ALTER TABLE satisfaction_ratings DROP CONSTRAINT satisfaction_ratings_ticket_id_key;
ALTER TABLE satisfaction_ratings ADD COLUMN survey_id uuid UNIQUE REFERENCES csat_surveys (id) ON DELETE SET NULL DEFERRABLE INITIALLY DEFERRED;
ALTER TABLE satisfaction_ratings ADD COLUMN channel varchar(16);
CREATE INDEX satisfaction_ratings_ticket_idx ON satisfaction_ratings (ticket_id, created_at);
CREATE INDEX satisfaction_ratings_period_idx ON satisfaction_ratings (workspace_id, created_at);
