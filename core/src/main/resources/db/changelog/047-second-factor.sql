--liquibase formatted sql

--changeset relaydesk:047-second-factor
-- A staff account's second factor: a TOTP secret (sealed with the installation's key, bound to the
-- account) confirmed by a first code before it counts. last_step is the latest 30-second step whose
-- code was accepted, so that a code seen over someone's shoulder cannot be used again.
CREATE TABLE user_second_factors (
    user_id      uuid PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    totp_secret  text NOT NULL,
    confirmed_at timestamptz,
    last_step    bigint NOT NULL DEFAULT 0,
    created_at   timestamptz NOT NULL
);

-- Single-use recovery codes, kept as hashes; a new set replaces the old one.
CREATE TABLE user_recovery_codes (
    id           uuid PRIMARY KEY,
    user_id      uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    code_hash    text NOT NULL,
    used_at      timestamptz
);
CREATE INDEX user_recovery_codes_user_idx ON user_recovery_codes (user_id);

-- A workspace's sign-in policy: which roles must sign in with a second factor.
CREATE TABLE workspace_security (
    workspace_id              uuid PRIMARY KEY REFERENCES workspaces (id) ON DELETE CASCADE,
    second_factor_agents      boolean NOT NULL DEFAULT false,
    second_factor_supervisors boolean NOT NULL DEFAULT false,
    second_factor_admins      boolean NOT NULL DEFAULT false,
    updated_at                timestamptz NOT NULL DEFAULT now()
);
