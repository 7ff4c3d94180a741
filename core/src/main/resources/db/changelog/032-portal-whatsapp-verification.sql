--liquibase formatted sql

--changeset relaydesk:032-portal-whatsapp-verification
-- A portal customer proving a WhatsApp number with a code sent to it. Only the code's digest is kept, minted when
-- the message goes out. status: queued (waiting for the outbox), sent (code_hash, expires_at), failed (reason),
-- verified, spent (too many wrong codes, or replaced by a newer request), removed (the customer took the number off).
CREATE TABLE portal_phone_verifications (
    id                 uuid PRIMARY KEY,
    workspace_id       uuid NOT NULL REFERENCES workspaces (id) DEFERRABLE INITIALLY DEFERRED,
    account_id         uuid NOT NULL REFERENCES customer_accounts (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
    phone              varchar(20)  NOT NULL,
    channel_account_id uuid NOT NULL,
    status             varchar(16)  NOT NULL,
    code_hash          varchar(128),
    attempts           integer      NOT NULL DEFAULT 0,
    reason             varchar(1000),
    created_at         timestamptz  NOT NULL,
    sent_at            timestamptz,
    expires_at         timestamptz,
    verified_at        timestamptz
);
-- the limits count recent requests per customer and per number
CREATE INDEX portal_phone_verifications_account ON portal_phone_verifications (account_id, created_at);
CREATE INDEX portal_phone_verifications_phone ON portal_phone_verifications (workspace_id, phone, created_at);
