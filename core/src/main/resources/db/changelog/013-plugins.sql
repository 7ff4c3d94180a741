--liquibase formatted sql

--changeset relaydesk:013-plugins
-- Plugins belong to the installation, not to a workspace: the jars are on the server's disk, and a
-- system administrator turns each on or off for everyone.
CREATE TABLE plugins (
    plugin_id  text PRIMARY KEY,
    enabled    boolean NOT NULL DEFAULT false,
    updated_at timestamptz NOT NULL DEFAULT now(),
    updated_by text
);
