--liquibase formatted sql

--changeset relaydesk:042-report-indexes runInTransaction:false
-- The reports read a period's tickets by when they were created or solved, and count the open
-- ones. Through the plain indexes each of those rows is fetched from the table, whose rows are wide
-- (subject, description, two text-search vectors): 90 days of a 1M-ticket desk read most of its
-- 2.2 GB, and counting 100,000 open tickets visited each of their rows. These indexes carry every
-- column a report reads or filters on, so PostgreSQL answers from the index alone (an index-only
-- scan). Merged tickets count nowhere, so they are left out. Built without blocking writes
-- (CONCURRENTLY, outside a transaction). 034's narrower solved index stays: other queries
-- (insights) count solved tickets without leaving merged ones out.
CREATE INDEX CONCURRENTLY IF NOT EXISTS tickets_report_created_idx ON tickets (workspace_id, created_at)
    INCLUDE (id, first_response_at, resolved_at, sla_first_response_due_at, sla_resolution_due_at, sla_due_at, sla_state, sla_policy_id,
             status, priority, source_channel, team_id, assignee_id, category_id)
    WHERE merged_into_id IS NULL;
CREATE INDEX CONCURRENTLY IF NOT EXISTS tickets_report_solved_idx ON tickets (workspace_id, resolved_at)
    INCLUDE (id, created_at, sla_resolution_due_at, priority, source_channel, team_id, assignee_id, category_id)
    WHERE resolved_at IS NOT NULL AND merged_into_id IS NULL;
-- The open tickets by agent: also what routing and the dashboards count per agent.
CREATE INDEX CONCURRENTLY IF NOT EXISTS tickets_report_open_idx ON tickets (workspace_id, assignee_id)
    INCLUDE (id, team_id, category_id, source_channel, priority)
    WHERE status IN ('NEW', 'OPEN', 'IN_PROGRESS', 'WAITING_ON_CUSTOMER', 'WAITING_ON_THIRD_PARTY') AND merged_into_id IS NULL;
