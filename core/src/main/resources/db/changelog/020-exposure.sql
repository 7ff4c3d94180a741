--liquibase formatted sql

--changeset relaydesk:020-exposure
-- A customer's status link lives 30 days from the last public reply on its ticket (renewed while
-- the conversation goes on); links minted before get that lifetime from their ticket's last reply.
ALTER TABLE ticket_access_tokens ADD COLUMN expires_at timestamptz;
UPDATE ticket_access_tokens t SET expires_at = GREATEST(t.created_at,
        COALESCE((SELECT max(m.created_at) FROM messages m WHERE m.ticket_id = t.ticket_id AND m.kind = 'REPLY'), t.created_at))
    + interval '30 days';
ALTER TABLE ticket_access_tokens ALTER COLUMN expires_at SET NOT NULL;
CREATE INDEX ticket_access_tokens_ticket_idx ON ticket_access_tokens (ticket_id);

-- Whose conversation a message belongs to: the requester of the ticket it was written on. A merge of
-- two customers' tickets keeps it, so each customer's status page shows only their own conversation.
ALTER TABLE messages ADD COLUMN conversation_contact_id uuid REFERENCES contacts (id) DEFERRABLE INITIALLY DEFERRED;
UPDATE messages m SET conversation_contact_id = t.requester_id
    FROM tickets t WHERE t.id = COALESCE(m.merged_from_ticket_id, m.ticket_id);
