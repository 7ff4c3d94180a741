--liquibase formatted sql

--changeset relaydesk:038-sla-breach-index runInTransaction:false
-- Built without blocking writes on a large installation (CONCURRENTLY, outside a transaction).
-- The SLA report counts the breaches raised in a period without reading every other event.
CREATE INDEX CONCURRENTLY IF NOT EXISTS ticket_events_sla_breached_idx ON ticket_events (workspace_id, created_at) WHERE action = 'sla_breached';
