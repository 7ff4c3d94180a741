--liquibase formatted sql

--changeset relaydesk:019-jobs
-- A ticket whose SLA the watcher could not compute is set aside: why, when, and how many times in a row
-- (each failure doubles the pause before the next try, from 5 minutes up to 6 hours). A later success clears them.
ALTER TABLE tickets ADD COLUMN sla_error text;
ALTER TABLE tickets ADD COLUMN sla_error_at timestamptz;
ALTER TABLE tickets ADD COLUMN sla_failures integer NOT NULL DEFAULT 0;

-- Time-based rules page through tickets by (timestamp, id): with the timestamp checked up to, the id of the last
-- ticket looked at at that timestamp (NULL: every ticket at it was looked at), so tickets sharing one timestamp
-- across a page boundary are not skipped.
ALTER TABLE workflow_rules ADD COLUMN timed_checked_id uuid;
