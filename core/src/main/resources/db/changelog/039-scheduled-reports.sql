--liquibase formatted sql

--changeset relaydesk:039-scheduled-reports
-- Reports emailed on a schedule: an admin subscribes members of staff to a report (its filter
-- kept as the API's query parameters); the server sends it at 06:00 in the workspace's time zone
-- after each day, week (Monday) or month, with the CSV attached.
CREATE TABLE report_subscriptions (
    id uuid PRIMARY KEY,
    workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    name varchar(200) NOT NULL,
    report varchar(20) NOT NULL CHECK (report IN ('tickets', 'agents', 'volume')),
    frequency varchar(10) NOT NULL CHECK (frequency IN ('daily', 'weekly', 'monthly')),
    filter text NOT NULL DEFAULT '{}',
    recipients text NOT NULL,
    active boolean NOT NULL DEFAULT true,
    created_by uuid,
    created_at timestamptz NOT NULL,
    next_run_at timestamptz NOT NULL,
    last_sent_at timestamptz
);
CREATE INDEX report_subscriptions_due_idx ON report_subscriptions (next_run_at) WHERE active;
