--liquibase formatted sql

--changeset relaydesk:006-accounts-and-branding
-- Branding of a workspace's panels (and later its portal and widget). The logo is small and read
-- rarely, so it lives in the database with everything else an operator backs up.
ALTER TABLE workspaces ADD COLUMN brand_color char(7) NOT NULL DEFAULT '#3B82F6';
ALTER TABLE workspaces ADD COLUMN logo bytea;
ALTER TABLE workspaces ADD COLUMN logo_type varchar(40);
-- When set, agents and supervisors see only tickets of their teams, without a team, or assigned to them.
ALTER TABLE workspaces ADD COLUMN restrict_to_teams boolean NOT NULL DEFAULT false;

-- An agent's availability (routing will respect it) and which notifications they want.
ALTER TABLE users ADD COLUMN availability varchar(10) NOT NULL DEFAULT 'ONLINE'
    CHECK (availability IN ('ONLINE', 'AWAY', 'OFFLINE'));
ALTER TABLE users ADD COLUMN notify_assigned boolean NOT NULL DEFAULT true;
ALTER TABLE users ADD COLUMN notify_customer_reply boolean NOT NULL DEFAULT true;
ALTER TABLE users ADD COLUMN notify_internal_note boolean NOT NULL DEFAULT false;

-- One-time links to set a password: an invitation or a reset. Only the token's hash is stored.
CREATE TABLE password_links (
    id           uuid PRIMARY KEY,
    workspace_id uuid NOT NULL REFERENCES workspaces (id) DEFERRABLE INITIALLY DEFERRED,
    user_id      uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
    purpose      varchar(10) NOT NULL CHECK (purpose IN ('INVITE', 'RESET')),
    token_hash   char(64)    NOT NULL UNIQUE,
    expires_at   timestamptz NOT NULL,
    used_at      timestamptz,
    created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX password_links_user_idx ON password_links (user_id) WHERE used_at IS NULL;

-- Team and department names are what admins and agents pick from: one of each name per workspace.
CREATE UNIQUE INDEX teams_name_key ON teams (workspace_id, lower(name));
CREATE UNIQUE INDEX departments_name_key ON departments (workspace_id, lower(name));

-- The agent dashboard's "recent activity" walks the newest events of the workspace.
CREATE INDEX ticket_events_recent_idx ON ticket_events (workspace_id, created_at DESC);
