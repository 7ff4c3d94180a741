--liquibase formatted sql

--changeset relaydesk:025-inbound-workers
-- Several workers file stored inbound messages at once, each sender's in the order they arrived.
-- sender_key: who wrote the message (the channel's address, lower case), read from it before it is
-- filed, so that a sender's later message never overtakes an earlier one still pending.
-- claimed_until/claimed_by: the worker filing it right now (a lease: a worker that dies lets it go).
-- retry_at: a message whose filing failed for a passing reason waits until then, and its sender's
-- later messages wait behind it.
ALTER TABLE inbound_messages ADD COLUMN sender_key text;
ALTER TABLE inbound_messages ADD COLUMN claimed_until timestamptz;
ALTER TABLE inbound_messages ADD COLUMN claimed_by text;
ALTER TABLE inbound_messages ADD COLUMN retry_at timestamptz;
CREATE INDEX inbound_messages_pending_order_idx ON inbound_messages (received_at, id) WHERE status = 'pending';
CREATE INDEX inbound_messages_pending_sender_idx ON inbound_messages (account_id, sender_key, received_at) WHERE status = 'pending';
CREATE INDEX inbound_messages_unread_idx ON inbound_messages (account_id, received_at) WHERE status = 'pending' AND sender_key IS NULL;

-- STOP and START count only when newer than the identity's last such keyword: a STOP delivered late
-- must not undo the START written after it (and the other way round).
ALTER TABLE contact_identities ADD COLUMN keyword_at timestamptz;
