--liquibase formatted sql

--changeset relaydesk:002-ticket-search-document splitStatements:false
-- One full-text document per ticket: subject (weight A), description (B) and the whole conversation.
-- Searching tickets OR their messages forced PostgreSQL to build the whole set of matching tickets
-- before it could sort and page (over a second at 1M tickets for a common word); with one indexed
-- column it can walk the newest tickets and stop after a page, or use the GIN index for rare words.
-- The conversation part is kept by a statement-level trigger on messages, so COPY, merges (messages
-- moving between tickets), edits and deletions all keep it right without the application's help.
ALTER TABLE tickets ADD COLUMN conversation_vector tsvector NOT NULL DEFAULT ''::tsvector;

CREATE FUNCTION refresh_ticket_conversation_vector() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    -- 500,000 characters keeps the document well under tsvector's 1 MB limit on very long threads.
    IF TG_OP = 'INSERT' THEN
        UPDATE tickets t SET conversation_vector = coalesce((
            SELECT to_tsvector('english', left(string_agg(m.body_text, E'\n' ORDER BY m.created_at), 500000))
            FROM messages m WHERE m.ticket_id = t.id), ''::tsvector)
        WHERE t.id IN (SELECT ticket_id FROM new_rows);
    ELSIF TG_OP = 'DELETE' THEN
        UPDATE tickets t SET conversation_vector = coalesce((
            SELECT to_tsvector('english', left(string_agg(m.body_text, E'\n' ORDER BY m.created_at), 500000))
            FROM messages m WHERE m.ticket_id = t.id), ''::tsvector)
        WHERE t.id IN (SELECT ticket_id FROM old_rows);
    ELSE
        UPDATE tickets t SET conversation_vector = coalesce((
            SELECT to_tsvector('english', left(string_agg(m.body_text, E'\n' ORDER BY m.created_at), 500000))
            FROM messages m WHERE m.ticket_id = t.id), ''::tsvector)
        WHERE t.id IN (SELECT n.ticket_id FROM new_rows n JOIN old_rows o ON o.id = n.id
                       WHERE n.ticket_id IS DISTINCT FROM o.ticket_id OR n.body_text IS DISTINCT FROM o.body_text
                       UNION
                       SELECT o.ticket_id FROM new_rows n JOIN old_rows o ON o.id = n.id
                       WHERE n.ticket_id IS DISTINCT FROM o.ticket_id);
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER messages_conversation_inserted AFTER INSERT ON messages
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION refresh_ticket_conversation_vector();
CREATE TRIGGER messages_conversation_updated AFTER UPDATE ON messages
    REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION refresh_ticket_conversation_vector();
CREATE TRIGGER messages_conversation_deleted AFTER DELETE ON messages
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION refresh_ticket_conversation_vector();

UPDATE tickets t SET conversation_vector = coalesce((
    SELECT to_tsvector('english', left(string_agg(m.body_text, E'\n' ORDER BY m.created_at), 500000))
    FROM messages m WHERE m.ticket_id = t.id), ''::tsvector)
WHERE EXISTS (SELECT 1 FROM messages m WHERE m.ticket_id = t.id);

ALTER TABLE tickets DROP COLUMN search_vector;
ALTER TABLE tickets ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('english', coalesce(subject, '')), 'A')
    || setweight(to_tsvector('english', coalesce(description, '')), 'B')
    || conversation_vector) STORED;
CREATE INDEX tickets_search_idx ON tickets USING gin (search_vector);

-- Messages are found through their ticket's document; their own vector only cost writes.
ALTER TABLE messages DROP COLUMN search_vector;
