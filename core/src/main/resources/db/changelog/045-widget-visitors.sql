--liquibase formatted sql

--changeset relaydesk:045-widget-visitors
-- A widget's secret for the visitors a host site vouches for: the site's server signs its user's email
-- address with it (HMAC-SHA256 of "email:" and the address) and the widget shows that visitor their
-- tickets. Sealed like the other secrets (SecretBox).
ALTER TABLE widgets ADD COLUMN identity_secret text;

-- A visitor who proved their email address with a code emailed to it: the code (kind "code", 15
-- minutes, used once, five tries) and then the widget's session (kind "session", 30 days), each stored
-- as a SHA-256 only.
CREATE TABLE widget_visitor_tokens (
    id           uuid PRIMARY KEY,
    workspace_id uuid NOT NULL REFERENCES workspaces (id),
    widget_id    uuid NOT NULL REFERENCES widgets (id) ON DELETE CASCADE,
    contact_id   uuid NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
    kind         text NOT NULL CHECK (kind IN ('code', 'session')),
    token_hash   text NOT NULL,
    attempts     int NOT NULL DEFAULT 0,
    expires_at   timestamptz NOT NULL,
    used_at      timestamptz,
    created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX widget_visitor_tokens_hash_idx ON widget_visitor_tokens (token_hash);
CREATE INDEX widget_visitor_tokens_contact_idx ON widget_visitor_tokens (contact_id, widget_id, kind, created_at);
CREATE INDEX widget_visitor_tokens_expiry_idx ON widget_visitor_tokens (expires_at);
