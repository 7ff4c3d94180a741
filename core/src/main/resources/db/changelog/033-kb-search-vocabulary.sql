--liquibase formatted sql

--changeset relaydesk:033-kb-search-vocabulary
-- The words of the articles' titles, summaries and tags, once per workspace. A search corrects a
-- misspelled word against this short list (trigram similarity, a few thousand words) and then asks
-- full-text indexes, instead of comparing the word with the text of every article: the work of a
-- search no longer grows with the number of articles. Words of edited or deleted articles stay; a
-- correction to a word no article holds any more finds nothing.
CREATE TABLE kb_words (
    workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    word text NOT NULL,
    PRIMARY KEY (workspace_id, word)
);
CREATE INDEX kb_words_trgm_idx ON kb_words USING gin (word gin_trgm_ops);
INSERT INTO kb_words (workspace_id, word)
SELECT DISTINCT workspace_id, w FROM kb_articles, regexp_split_to_table(lower(fuzzy_text), '[[:space:][:punct:]]+') AS w
WHERE length(w) BETWEEN 4 AND 40;
-- The corrected words are looked for in the title, summary and tags: their own small vector and
-- index, which answer without reading the body's vector.
ALTER TABLE kb_articles ADD COLUMN head_vector tsvector NOT NULL DEFAULT '';
-- Searches read and rank the vectors of their matches: kept in the row (compressed), not out of
-- line, where each would cost a TOAST lookup. The update below rewrites the existing ones so.
ALTER TABLE kb_articles ALTER COLUMN search_vector SET STORAGE MAIN;
UPDATE kb_articles SET search_vector = search_vector || ''::tsvector,
    head_vector = setweight(to_tsvector(search_config, title), 'A')
        || setweight(to_tsvector(search_config, summary || ' ' || array_to_string(tags, ' ')), 'B');
-- Every search reads these indexes and articles change seldom: no pending list (GIN's fast update),
-- which each search would read through until the next vacuum.
CREATE INDEX kb_articles_head_idx ON kb_articles USING gin (head_vector) WITH (fastupdate = off);
ALTER INDEX kb_articles_search_idx SET (fastupdate = off);
SELECT gin_clean_pending_list('kb_articles_search_idx'::regclass);
-- The trigram index on the articles served the old comparison; nothing reads it any more.
DROP INDEX kb_articles_fuzzy_idx;
