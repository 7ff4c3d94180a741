--liquibase formatted sql

--changeset relaydesk:015-inbound-senders
-- Who sent each filed message, for the per-sender limit (a mail loop or a flood from one address
-- is held back, not filed a thousand times).
ALTER TABLE inbound_messages ADD COLUMN from_address text;
CREATE INDEX inbound_messages_sender_idx ON inbound_messages (account_id, lower(from_address), processed_at) WHERE status = 'done';
