--liquibase formatted sql

--changeset relaydesk:016-channel-watch
-- A ticket's original messages (the full email behind a trimmed reply), found by ticket.
CREATE INDEX inbound_messages_ticket_idx ON inbound_messages (ticket_id) WHERE ticket_id IS NOT NULL;
-- Which node watches an account (fetches its mail), until when: a lease renewed while it works, so
-- one node at a time watches each account and another takes over when that node goes away.
ALTER TABLE channel_accounts ADD COLUMN watcher_node text;
ALTER TABLE channel_accounts ADD COLUMN watcher_until timestamptz;
