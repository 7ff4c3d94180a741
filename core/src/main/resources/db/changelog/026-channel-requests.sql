--liquibase formatted sql

--changeset relaydesk:026-channel-requests
-- Every web request to a channel account's public address (a provider's webhook, refused ones
-- included) and every send attempt through an account, for admins tracing a message: when, what
-- answer, which message ids and addresses, and the error. Never bodies, query strings or secrets;
-- purged after relaydesk.channels.request-log-days (30 by default).
CREATE TABLE channel_requests (
    id           uuid PRIMARY KEY,
    workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    account_id   uuid NOT NULL REFERENCES channel_accounts (id) ON DELETE CASCADE,
    direction    text NOT NULL CHECK (direction IN ('in', 'out')),
    at           timestamptz NOT NULL,
    method       text,
    path         text,
    http_status  integer,
    outcome      text NOT NULL,
    message_ids  text[] NOT NULL DEFAULT '{}',
    addresses    text[] NOT NULL DEFAULT '{}',
    error_code   text,
    error        text,
    body_bytes   integer NOT NULL DEFAULT 0
);
-- the log page: a workspace's newest first; an account's last webhook; a phone's requests; the purge
CREATE INDEX channel_requests_workspace_at_idx ON channel_requests (workspace_id, at DESC);
CREATE INDEX channel_requests_account_idx ON channel_requests (account_id, direction, at DESC);
CREATE INDEX channel_requests_addresses_idx ON channel_requests USING gin (addresses);
CREATE INDEX channel_requests_at_idx ON channel_requests (at);
