--liquibase formatted sql

--changeset relaydesk:044-chats
-- A live chat from the widget. Every chat is a ticket (channel "chat") from its first message, so
-- the conversation is the ticket's thread; this row holds what only a live conversation has: who
-- is in it, its state, typing and reading, and the visitor's secret (stored as its SHA-256).
CREATE TABLE chats (
    id                 uuid PRIMARY KEY,
    workspace_id       uuid NOT NULL REFERENCES workspaces (id),
    ticket_id          uuid NOT NULL UNIQUE REFERENCES tickets (id) ON DELETE CASCADE,
    widget_id          uuid REFERENCES widgets (id) ON DELETE SET NULL,
    visitor_token_hash text NOT NULL,
    status             text NOT NULL DEFAULT 'waiting' CHECK (status IN ('waiting', 'active', 'ended')),
    agent_id           uuid REFERENCES users (id) ON DELETE SET NULL,
    page_url           text,
    ended_by           text CHECK (ended_by IN ('visitor', 'agent', 'timeout')),
    visitor_typing_at  timestamptz,
    agent_typing_at    timestamptz,
    visitor_read_at    timestamptz,
    agent_read_at      timestamptz,
    visitor_seen_at    timestamptz NOT NULL DEFAULT now(),
    created_at         timestamptz NOT NULL DEFAULT now(),
    accepted_at        timestamptz,
    ended_at           timestamptz
);
-- the agents' inbox: the workspace's chats that are not over, oldest first
CREATE INDEX chats_live_idx ON chats (workspace_id, created_at) WHERE status <> 'ended';
