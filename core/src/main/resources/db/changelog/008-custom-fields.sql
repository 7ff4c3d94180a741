--liquibase formatted sql

--changeset relaydesk:008-custom-fields
-- The workspace's own ticket fields. Values live in tickets.custom_fields (jsonb) under each field's key.
CREATE TABLE custom_field_definitions (
    id           uuid PRIMARY KEY,
    workspace_id uuid NOT NULL REFERENCES workspaces (id) DEFERRABLE INITIALLY DEFERRED,
    field_key    varchar(64)  NOT NULL,
    label        varchar(100) NOT NULL,
    type         varchar(16)  NOT NULL CHECK (type IN ('TEXT', 'NUMBER', 'DATE', 'SELECT', 'CHECKBOX')),
    options      text,
    required     boolean      NOT NULL DEFAULT false,
    position     int          NOT NULL DEFAULT 0,
    created_at   timestamptz  NOT NULL DEFAULT now(),
    UNIQUE (workspace_id, field_key)
);
