--liquibase formatted sql

--changeset relaydesk:051-contact-erasure
-- When a contact's personal data was erased (GDPR article 17): the row stays, pseudonymised, so that
-- the tickets they asked keep their statistics; the audit log says who erased it, naming it by id.
ALTER TABLE contacts ADD COLUMN erased_at timestamptz;
