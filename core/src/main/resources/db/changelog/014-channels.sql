--liquibase formatted sql

--changeset relaydesk:014-channels
-- A configured channel (a mailbox, a web form): its kind names the plugin's connector factory;
-- config holds the plugin's settings, secrets encrypted ("enc:v1:..."). The status columns say how
-- its last fetch went.
CREATE TABLE channel_accounts (
    id                  uuid PRIMARY KEY,
    workspace_id        uuid NOT NULL REFERENCES workspaces (id),
    kind                text NOT NULL,
    name                text NOT NULL,
    enabled             boolean NOT NULL DEFAULT true,
    config              jsonb NOT NULL DEFAULT '{}',
    default_team_id     uuid REFERENCES teams (id) ON DELETE SET NULL,
    default_category_id uuid REFERENCES ticket_categories (id) ON DELETE SET NULL,
    default_priority    text,
    status              text NOT NULL DEFAULT 'never_fetched',
    last_error          text,
    last_fetch_at       timestamptz,
    created_at          timestamptz NOT NULL,
    updated_at          timestamptz NOT NULL,
    UNIQUE (workspace_id, name)
);

-- What connectors handed over, stored before anything reads it. A worker reads and files each
-- pending one; one that fails is set aside (failed, with its error) and can be retried. The unique
-- key drops a second copy of a message on the same account.
CREATE TABLE inbound_messages (
    id           uuid PRIMARY KEY,
    workspace_id uuid NOT NULL REFERENCES workspaces (id),
    account_id   uuid NOT NULL REFERENCES channel_accounts (id) ON DELETE CASCADE,
    external_id  text NOT NULL,
    content_type text NOT NULL,
    content      bytea NOT NULL,
    received_at  timestamptz NOT NULL,
    status       text NOT NULL DEFAULT 'pending',
    attempts     integer NOT NULL DEFAULT 0,
    error        text,
    ticket_id    uuid REFERENCES tickets (id) ON DELETE SET NULL,
    processed_at timestamptz,
    UNIQUE (account_id, external_id)
);
CREATE INDEX inbound_messages_pending_idx ON inbound_messages (received_at) WHERE status = 'pending';
CREATE INDEX inbound_messages_account_idx ON inbound_messages (account_id, received_at DESC);
-- Threading: every external id (an email's Message-ID) a ticket's messages had, in and out. A
-- reply names the ids it answers; the first one known here finds its ticket.
CREATE TABLE message_references (
    workspace_id uuid NOT NULL REFERENCES workspaces (id),
    external_id  text NOT NULL,
    ticket_id    uuid NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
    created_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (workspace_id, external_id)
);
CREATE INDEX message_references_ticket_idx ON message_references (ticket_id);

-- A ticket page shows how each of its replies fared on the way out (ChannelDeliveries): found by ticket.
CREATE INDEX outbox_channel_reply_idx ON outbox ((payload->>'ticket_id')) WHERE kind = 'channel.reply';

-- The account a ticket came in through: agents' replies go back out through it.
ALTER TABLE tickets ADD COLUMN channel_account_id uuid REFERENCES channel_accounts (id) ON DELETE SET NULL;
