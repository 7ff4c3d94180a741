--liquibase formatted sql

--changeset relaydesk:023-messaging-extras
-- Automatic replies of a channel account (seed 001's message flow): an acknowledgement when a
-- message opens a new ticket, and an "away" message outside the business hours of a calendar, each
-- sent at most once per ticket every auto_reply_interval_hours. Email accounts send them only when
-- auto_reply_email is on (a mailbox answering every mail invites loops with other robots).
ALTER TABLE channel_accounts ADD COLUMN acknowledgement_message text;
ALTER TABLE channel_accounts ADD COLUMN away_message text;
ALTER TABLE channel_accounts ADD COLUMN business_calendar_id uuid REFERENCES business_calendars (id) ON DELETE SET NULL;
ALTER TABLE channel_accounts ADD COLUMN auto_reply_interval_hours integer NOT NULL DEFAULT 24
    CHECK (auto_reply_interval_hours BETWEEN 1 AND 720);
ALTER TABLE channel_accounts ADD COLUMN auto_reply_email boolean NOT NULL DEFAULT false;

-- When each kind of automatic reply last went to a ticket's customer: the once-per-interval rule.
CREATE TABLE auto_replies_sent (
    workspace_id uuid NOT NULL REFERENCES workspaces (id),
    ticket_id    uuid NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
    kind         text NOT NULL CHECK (kind IN ('acknowledgement', 'away')),
    sent_at      timestamptz NOT NULL,
    PRIMARY KEY (ticket_id, kind)
);

-- A reply a channel sent as several messages (WhatsApp: one per file, and the text): every part's
-- id, so that each part's receipts reach the reply (message_receipts by external_id).
CREATE TABLE message_parts (
    workspace_id uuid NOT NULL REFERENCES workspaces (id),
    message_id   uuid NOT NULL REFERENCES messages (id) ON DELETE CASCADE,
    external_id  text NOT NULL,
    PRIMARY KEY (message_id, external_id)
);
CREATE INDEX message_parts_external_idx ON message_parts (workspace_id, external_id);
