--liquibase formatted sql

--changeset relaydesk:022-receipts-by-account
-- A delivery report counts only for a message sent through the account whose webhook (or mailbox)
-- brought it: one number's webhook cannot mark what another number sent as read or failed.
ALTER TABLE message_receipts ADD COLUMN account_id uuid REFERENCES channel_accounts (id) ON DELETE CASCADE;
-- reports received so far belong to the account their message went out through
UPDATE message_receipts r SET account_id = CAST(o.payload->>'account_id' AS uuid)
  FROM messages m JOIN outbox o ON o.workspace_id = m.workspace_id AND o.payload->>'message_id' = CAST(m.id AS text)
 WHERE m.workspace_id = r.workspace_id AND m.external_id = r.external_id AND o.payload->>'account_id' IS NOT NULL
   AND EXISTS (SELECT 1 FROM channel_accounts a WHERE CAST(a.id AS text) = o.payload->>'account_id');
ALTER TABLE message_receipts DROP CONSTRAINT message_receipts_pkey;
-- new reports always name their account; one that could not be attributed (none shown) keeps a null
CREATE UNIQUE INDEX message_receipts_account_key ON message_receipts (workspace_id, account_id, external_id);
