--liquibase formatted sql

--changeset relaydesk:016-channel-watch
-- A ticket's original messages (the full email behind a trimmed reply), found by ticket.
CREATE INDEX inbound_messages_ticket_idx ON inbound_messages (ticket_id) WHERE ticket_id IS NOT NULL;
-- Which node watches an account (fetches its mail), until when: a lease renewed while it works, so
-- one node at a time watches each account and another takes over when that node goes away.
ALTER TABLE channel_accounts ADD COLUMN watcher_node text;
ALTER TABLE channel_accounts ADD COLUMN watcher_until timestamptz;
-- Each plugin's own values (plugin-api HostServices.store()).
CREATE TABLE plugin_store (
    plugin_id  text NOT NULL,
    key        text NOT NULL,
    value      text NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (plugin_id, key)
);
-- What channels reported about messages Relaydesk sent (a bounce: failed; a read receipt: read), by
-- the sent message's external id; the newest report wins.
CREATE TABLE message_receipts (
    workspace_id uuid NOT NULL REFERENCES workspaces (id),
    external_id  text NOT NULL,
    status       text NOT NULL,
    detail       text,
    received_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (workspace_id, external_id)
);
-- A plugin's own settings (declared by its PluginLifecycle), secrets sealed like channel secrets.
ALTER TABLE plugins ADD COLUMN settings jsonb NOT NULL DEFAULT '{}';
