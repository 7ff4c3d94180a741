--liquibase formatted sql

--changeset relaydesk:040-messaging-analytics runInTransaction:false
-- Built without blocking writes on a large installation (CONCURRENTLY, outside a transaction).
-- The WhatsApp figures of a period read a channel's messages, sends and receipts by time, never
-- the whole tables: customers' messages by account, replies queued for a channel, receipts.
CREATE INDEX CONCURRENTLY IF NOT EXISTS messages_account_created_idx ON messages (source_account_id, created_at) WHERE source_account_id IS NOT NULL;
CREATE INDEX CONCURRENTLY IF NOT EXISTS outbox_channel_reply_created_idx ON outbox (workspace_id, created_at) WHERE kind = 'channel.reply';
CREATE INDEX CONCURRENTLY IF NOT EXISTS message_receipts_account_received_idx ON message_receipts (account_id, received_at);
