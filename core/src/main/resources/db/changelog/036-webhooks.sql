--liquibase formatted sql

--changeset relaydesk:036-webhooks
-- Outbound webhooks: an admin subscribes a URL to events; each event becomes one delivery,
-- queued in the outbox in the transaction of the change and signed with the webhook's secret.
CREATE TABLE webhooks (
    id uuid PRIMARY KEY,
    workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    url varchar(2000) NOT NULL,
    description varchar(200),
    events text NOT NULL,
    filter text,
    secret text NOT NULL,
    active boolean NOT NULL DEFAULT true,
    created_by uuid,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL,
    failing_since timestamptz,
    disabled_at timestamptz,
    disabled_reason varchar(500)
);
CREATE INDEX webhooks_workspace_idx ON webhooks (workspace_id) WHERE active;

-- One event sent to one webhook; the body is kept as sent, so a replay sends the same bytes.
CREATE TABLE webhook_deliveries (
    id uuid PRIMARY KEY,
    workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    webhook_id uuid NOT NULL REFERENCES webhooks (id) ON DELETE CASCADE,
    event varchar(60) NOT NULL,
    body text NOT NULL,
    status varchar(20) NOT NULL,
    attempts int NOT NULL DEFAULT 0,
    last_status_code int,
    last_error varchar(2000),
    next_attempt_at timestamptz,
    created_at timestamptz NOT NULL,
    delivered_at timestamptz
);
CREATE INDEX webhook_deliveries_log_idx ON webhook_deliveries (webhook_id, created_at DESC);

-- Each attempt: when, the answer's code and its first kilobyte, or why there was none.
CREATE TABLE webhook_attempts (
    id uuid PRIMARY KEY,
    workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    delivery_id uuid NOT NULL REFERENCES webhook_deliveries (id) ON DELETE CASCADE,
    attempted_at timestamptz NOT NULL,
    status_code int,
    duration_ms int NOT NULL,
    error varchar(2000),
    response_excerpt varchar(1024)
);
CREATE INDEX webhook_attempts_delivery_idx ON webhook_attempts (delivery_id, attempted_at);

-- SLA moments were queued for webhooks before webhooks could be subscribed to; nobody could ever
-- receive them, so they go (the timeline keeps every moment).
DELETE FROM outbox WHERE kind IN ('webhook.ticket.sla.breached', 'webhook.ticket.sla.at_risk') AND status = 'pending';
