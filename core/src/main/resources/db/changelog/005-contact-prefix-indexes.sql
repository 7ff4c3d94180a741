--liquibase formatted sql

--changeset relaydesk:005-contact-prefix-indexes
-- Requester pickers look contacts up by the start of their name or email address, case-insensitively;
-- text_pattern_ops lets LIKE 'abc%' use these indexes whatever the database's collation.
CREATE INDEX contacts_name_prefix_idx ON contacts (workspace_id, lower(name) text_pattern_ops);
CREATE INDEX contacts_email_prefix_idx ON contacts (workspace_id, lower(primary_email) text_pattern_ops);
