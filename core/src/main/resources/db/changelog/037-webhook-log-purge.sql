--liquibase formatted sql

--changeset relaydesk:037-webhook-log-purge
-- The hourly purge of old webhook deliveries and their outbox entries finds them by age without a scan.
CREATE INDEX webhook_deliveries_done_idx ON webhook_deliveries (created_at) WHERE status <> 'pending';
CREATE INDEX outbox_webhook_done_idx ON outbox (created_at) WHERE kind = 'webhook' AND status <> 'pending';
