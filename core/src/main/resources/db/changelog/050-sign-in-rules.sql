--liquibase formatted sql

--changeset relaydesk:050-sign-in-rules
-- The rest of a workspace's security settings (/admin/settings/security): what a new password must be,
-- how long a session lasts idle and at most, whether "remember me" may keep one for 30 days, and who
-- may create personal API tokens for how long. The defaults are what the desk did before these
-- settings existed, except that a new password may no longer be one of the most common ones.
ALTER TABLE workspace_security
    ADD COLUMN password_min_length     integer NOT NULL DEFAULT 10 CHECK (password_min_length BETWEEN 10 AND 128),
    ADD COLUMN refuse_common_passwords boolean NOT NULL DEFAULT true,
    ADD COLUMN session_idle_minutes    integer NOT NULL DEFAULT 480 CHECK (session_idle_minutes BETWEEN 5 AND 43200),
    ADD COLUMN session_absolute_hours  integer NOT NULL DEFAULT 720 CHECK (session_absolute_hours BETWEEN 1 AND 8760),
    ADD COLUMN remember_me_allowed     boolean NOT NULL DEFAULT true,
    ADD COLUMN api_token_max_days      integer NOT NULL DEFAULT 365 CHECK (api_token_max_days BETWEEN 1 AND 365),
    ADD COLUMN api_tokens_for          text NOT NULL DEFAULT 'agent' CHECK (api_tokens_for IN ('agent', 'supervisor', 'admin', 'nobody'));
