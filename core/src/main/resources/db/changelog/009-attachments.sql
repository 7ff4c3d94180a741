--liquibase formatted sql

--changeset relaydesk:009-attachments
-- Files on tickets. Uploaded first (message_id null, "pending" until the reply is sent), then tied
-- to their message. Kept in the database so one backup holds everything; pending uploads that were
-- never sent are removed after a day.
CREATE TABLE attachments (
    id           uuid PRIMARY KEY,
    workspace_id uuid NOT NULL REFERENCES workspaces (id) DEFERRABLE INITIALLY DEFERRED,
    ticket_id    uuid NOT NULL REFERENCES tickets (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
    message_id   uuid REFERENCES messages (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
    file_name    varchar(255) NOT NULL,
    content_type varchar(127) NOT NULL,
    size_bytes   bigint       NOT NULL,
    sha256       char(64)     NOT NULL,
    content      bytea        NOT NULL,
    uploaded_by  uuid,
    -- a file sent with the ticket itself (its description), rather than with a message
    on_description boolean NOT NULL DEFAULT false,
    created_at   timestamptz  NOT NULL DEFAULT now()
);
CREATE INDEX attachments_ticket_idx ON attachments (ticket_id, created_at);
CREATE INDEX attachments_message_idx ON attachments (message_id) WHERE message_id IS NOT NULL;
