--liquibase formatted sql

--changeset relaydesk:033-kb-search-vocabulary
-- The words of the articles' titles, summaries and tags, once per workspace. A search corrects a
-- misspelled word against this short list (trigram similarity, a few thousand words) and then asks
-- the full-text index, instead of comparing the word with the text of every article: the work of a
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
-- The trigram index on the articles served the comparison above; nothing reads it any more.
DROP INDEX kb_articles_fuzzy_idx;
-- Every search reads the full-text index and articles change seldom: no pending list (GIN's fast
-- update), which each search would read through until the next vacuum, and which made the planner
-- prefer reading every article.
ALTER INDEX kb_articles_search_idx SET (fastupdate = off);
SELECT gin_clean_pending_list('kb_articles_search_idx'::regclass);
