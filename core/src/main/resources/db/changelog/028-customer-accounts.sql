--liquibase formatted sql

--changeset relaydesk:028-customer-accounts
-- Customer portal accounts: one per contact, signed in by password or a one-time link by email.
-- Customers are not staff: their accounts, one-time links and sessions live apart from users,
-- password_links and the panels' sessions. Only digests of link and session tokens are stored.
CREATE TABLE customer_accounts (
    id            uuid PRIMARY KEY,
    workspace_id  uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    contact_id    uuid NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
    email         text NOT NULL,
    name          text NOT NULL,
    password_hash text,
    verified_at   timestamptz,
    created_at    timestamptz NOT NULL
);
CREATE UNIQUE INDEX customer_accounts_email_idx ON customer_accounts (workspace_id, lower(email));
CREATE UNIQUE INDEX customer_accounts_contact_idx ON customer_accounts (contact_id);

CREATE TABLE customer_links (
    id           uuid PRIMARY KEY,
    workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    account_id   uuid NOT NULL REFERENCES customer_accounts (id) ON DELETE CASCADE,
    purpose      text NOT NULL CHECK (purpose IN ('VERIFY', 'SIGN_IN', 'RESET')),
    token_hash   text NOT NULL UNIQUE,
    expires_at   timestamptz NOT NULL,
    used_at      timestamptz,
    created_at   timestamptz NOT NULL
);
CREATE INDEX customer_links_account_idx ON customer_links (account_id, purpose) WHERE used_at IS NULL;

CREATE TABLE customer_sessions (
    id           uuid PRIMARY KEY,
    workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    account_id   uuid NOT NULL REFERENCES customer_accounts (id) ON DELETE CASCADE,
    token_hash   text NOT NULL UNIQUE,
    created_at   timestamptz NOT NULL,
    expires_at   timestamptz NOT NULL
);
CREATE INDEX customer_sessions_account_idx ON customer_sessions (account_id);

-- An admin's choice: portal customers also see the tickets of colleagues with the same email domain.
ALTER TABLE workspaces ADD COLUMN portal_shares_by_domain boolean NOT NULL DEFAULT false;
