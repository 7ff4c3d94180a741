--liquibase formatted sql

--changeset relaydesk:021-messaging
-- Messaging channels (WhatsApp): receipts that never go back, contacts without email, conversations
-- that continue by contact and account, the provider's conversation window, opt-outs and templates.

-- A provider's reports arrive out of order (a "delivered" after the "read"): each keeps the rank of
-- its status (sent 1, delivered 2, read 3, failed 4) and only a report of equal or higher rank replaces it.
ALTER TABLE message_receipts ADD COLUMN rank smallint NOT NULL DEFAULT 0;
UPDATE message_receipts SET rank = CASE status WHEN 'sent' THEN 1 WHEN 'delivered' THEN 2 WHEN 'read' THEN 3 WHEN 'failed' THEN 4 ELSE 0 END;

-- A customer who sent STOP on a channel: nothing more goes to that identity until START.
ALTER TABLE contact_identities ADD COLUMN opted_out_at timestamptz;

-- Two contacts that are the same person: the merged one stays (for what still names it) and points at the survivor.
ALTER TABLE contacts ADD COLUMN merged_into_id uuid REFERENCES contacts (id) ON DELETE SET NULL;

-- Where each message came from (email, whatsapp, webform, api, portal, agent) and through which
-- channel account; template_name marks a template send. Older messages have none: their ticket's channel tells.
ALTER TABLE messages ADD COLUMN source text;
ALTER TABLE messages ADD COLUMN source_account_id uuid REFERENCES channel_accounts (id) ON DELETE SET NULL;
ALTER TABLE messages ADD COLUMN template_name text;

-- A messaging ticket solved less than this long ago is reopened by the customer's next message on
-- the same account; after it, the message opens a new ticket (default three days).
ALTER TABLE workspaces ADD COLUMN messaging_reopen_hours integer NOT NULL DEFAULT 72
    CHECK (messaging_reopen_hours BETWEEN 0 AND 8760);

-- The continuation look-up: a contact's tickets through one account, newest first.
CREATE INDEX tickets_requester_account_idx ON tickets (requester_id, channel_account_id, updated_at DESC)
    WHERE channel_account_id IS NOT NULL;

-- When a contact last wrote through an account: a provider's conversation window opens from there.
CREATE TABLE contact_channel_activity (
    workspace_id             uuid NOT NULL REFERENCES workspaces (id),
    contact_id               uuid NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
    account_id               uuid NOT NULL REFERENCES channel_accounts (id) ON DELETE CASCADE,
    last_customer_message_at timestamptz NOT NULL,
    PRIMARY KEY (contact_id, account_id)
);

-- The templates a provider holds for an account, as last synced, with their approval.
CREATE TABLE channel_templates (
    id              uuid PRIMARY KEY,
    workspace_id    uuid NOT NULL REFERENCES workspaces (id),
    account_id      uuid NOT NULL REFERENCES channel_accounts (id) ON DELETE CASCADE,
    name            text NOT NULL,
    language        text NOT NULL,
    category        text,
    approval        text NOT NULL,
    approval_detail text,
    header          text,
    body            text,
    footer          text,
    buttons         jsonb NOT NULL DEFAULT '[]',
    variables       jsonb NOT NULL DEFAULT '[]',
    synced_at       timestamptz NOT NULL,
    UNIQUE (account_id, name, language)
);
ALTER TABLE channel_accounts ADD COLUMN templates_synced_at timestamptz;
ALTER TABLE channel_accounts ADD COLUMN templates_error text;
