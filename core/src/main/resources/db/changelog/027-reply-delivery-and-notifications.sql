--liquibase formatted sql

--changeset relaydesk:027-reply-delivery-and-notifications
-- Why a public reply went out nowhere (the customer cannot be reached through any channel): shown on
-- the thread instead of a delivery. Null for every reply that was queued.
ALTER TABLE messages ADD COLUMN not_sent_reason text;

-- An agent's choice to hear of being @mentioned in an internal note (the other choices are on users).
ALTER TABLE users ADD COLUMN notify_mentioned boolean NOT NULL DEFAULT true;

-- Who an internal note mentions: only colleagues of the same workspace who may see the ticket.
CREATE TABLE message_mentions (
    workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    message_id   uuid NOT NULL REFERENCES messages (id) ON DELETE CASCADE,
    user_id      uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    PRIMARY KEY (message_id, user_id)
);
CREATE INDEX message_mentions_user ON message_mentions (user_id);

-- A workspace's own wording of a notice (the shipped default applies while there is no row).
CREATE TABLE notice_templates (
    workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    notice       text NOT NULL,
    subject      text NOT NULL CHECK (length(subject) <= 300),
    body         text NOT NULL CHECK (length(body) <= 20000),
    updated_at   timestamptz NOT NULL,
    PRIMARY KEY (workspace_id, notice)
);
