--liquibase formatted sql

--changeset relaydesk:017-access
-- Sessions end when the password changes: each session token and panel session carries the epoch it
-- was issued in, and a password change or reset moves the account to the next one.
ALTER TABLE users ADD COLUMN session_epoch integer NOT NULL DEFAULT 0;
-- Personal API tokens expire (at most a year) and carry scopes (read, write, admin). Tokens from
-- before keep their full rights for the year from their creation.
ALTER TABLE api_tokens ADD COLUMN expires_at timestamptz;
UPDATE api_tokens SET expires_at = created_at + interval '365 days';
ALTER TABLE api_tokens ALTER COLUMN expires_at SET NOT NULL;
ALTER TABLE api_tokens ADD COLUMN scopes varchar(40) NOT NULL DEFAULT 'read,write,admin';
-- The credential that created the token ("session:<jti>" or "token:<id>"): revoking that credential
-- revokes what it minted.
ALTER TABLE api_tokens ADD COLUMN minted_by varchar(80);
CREATE INDEX api_tokens_minted_by_idx ON api_tokens (minted_by) WHERE minted_by IS NOT NULL;
CREATE INDEX api_tokens_user_idx ON api_tokens (user_id);
-- Session tokens signed out before they expire (POST /api/auth/logout), kept until they would have expired.
CREATE TABLE revoked_sessions (
    jti        uuid PRIMARY KEY,
    expires_at timestamptz NOT NULL
);
CREATE INDEX revoked_sessions_expiry_idx ON revoked_sessions (expires_at);
-- Whether a system administrator saved the mailbox's settings last: only such a mailbox carries
-- mail that could hand over the system administrator's account (a password link), since a
-- workspace admin could point any other at a server of their own.
ALTER TABLE channel_accounts ADD COLUMN saved_by_system_admin boolean NOT NULL DEFAULT false;
