--liquibase formatted sql

--changeset relaydesk:043-widgets
-- The floating widget a workspace puts on its own websites: one row per site key. The site key is
-- public (it is in the page's script tag); what protects the widget is the list of sites (origins)
-- allowed to show it, checked on every call, and the per-address rate limits of the public API.
CREATE TABLE widgets (
    id                   uuid PRIMARY KEY,
    workspace_id         uuid NOT NULL REFERENCES workspaces (id),
    name                 text NOT NULL,
    site_key             text NOT NULL UNIQUE,
    -- one origin per line: https://shop.example.com, shop.example.com (https), *.example.com, http://localhost:8080
    allowed_origins      text NOT NULL,
    active               boolean NOT NULL DEFAULT true,
    primary_color        text NOT NULL DEFAULT '#2563EB' CHECK (primary_color ~ '^#[0-9A-F]{6}$'),
    position             text NOT NULL DEFAULT 'right' CHECK (position IN ('right', 'left')),
    launcher_icon        text NOT NULL DEFAULT 'chat' CHECK (launcher_icon IN ('chat', 'help', 'mail')),
    greeting             text NOT NULL DEFAULT '',
    -- an empty language follows the visitor's browser
    language             text NOT NULL DEFAULT '',
    show_help            boolean NOT NULL DEFAULT true,
    show_contact         boolean NOT NULL DEFAULT true,
    business_calendar_id uuid REFERENCES business_calendars (id) ON DELETE SET NULL,
    -- the team a chat from this widget goes to: its assignment strategy offers the chat to one of its agents first
    chat_team_id         uuid REFERENCES teams (id) ON DELETE SET NULL,
    created_at           timestamptz NOT NULL DEFAULT now(),
    updated_at           timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX widgets_workspace_idx ON widgets (workspace_id);
