--liquibase formatted sql

--changeset relaydesk:029-knowledge-base splitStatements:false
-- The knowledge base: a category tree, articles (one language each, translations share a group),
-- every save kept as a version, and readers' feedback. Typo-forgiving search is full text on
-- search_vector (built with the article's own language configuration, 'simple' when PostgreSQL has
-- none for it) plus trigram similarity on fuzzy_text (title, summary, tags). pg_trgm is a trusted
-- extension: a database owner may create it without superuser rights.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE TABLE kb_categories (
    id uuid PRIMARY KEY,
    workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    parent_id uuid REFERENCES kb_categories (id),
    slug text NOT NULL,
    name text NOT NULL,
    description text NOT NULL DEFAULT '',
    position integer NOT NULL DEFAULT 0,
    created_at timestamptz NOT NULL,
    CONSTRAINT kb_categories_slug_unique UNIQUE (workspace_id, slug)
);
CREATE INDEX kb_categories_parent_idx ON kb_categories (workspace_id, parent_id, position);

CREATE TABLE kb_articles (
    id uuid PRIMARY KEY,
    workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    category_id uuid REFERENCES kb_categories (id) ON DELETE SET NULL,
    translation_group uuid NOT NULL,
    language text NOT NULL,
    slug text NOT NULL,
    title text NOT NULL,
    summary text NOT NULL DEFAULT '',
    body_html text NOT NULL,
    body_text text NOT NULL,
    tags text[] NOT NULL DEFAULT '{}',
    status text NOT NULL CHECK (status IN ('draft', 'published')),
    visibility text NOT NULL CHECK (visibility IN ('public', 'customers', 'internal')),
    author_id uuid,
    author_name text NOT NULL DEFAULT '',
    review_on date,
    version integer NOT NULL,
    view_count bigint NOT NULL DEFAULT 0,
    helpful_yes integer NOT NULL DEFAULT 0,
    helpful_no integer NOT NULL DEFAULT 0,
    published_at timestamptz,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL,
    search_config regconfig NOT NULL,
    search_vector tsvector NOT NULL,
    fuzzy_text text NOT NULL,
    CONSTRAINT kb_articles_slug_unique UNIQUE (workspace_id, slug),
    CONSTRAINT kb_articles_one_per_language UNIQUE (translation_group, language)
);
CREATE INDEX kb_articles_search_idx ON kb_articles USING gin (search_vector);
CREATE INDEX kb_articles_fuzzy_idx ON kb_articles USING gin (fuzzy_text gin_trgm_ops);
CREATE INDEX kb_articles_category_idx ON kb_articles (workspace_id, category_id) WHERE status = 'published';
CREATE INDEX kb_articles_tags_idx ON kb_articles USING gin (tags);
CREATE INDEX kb_articles_updated_idx ON kb_articles (workspace_id, updated_at DESC);

CREATE TABLE kb_article_versions (
    id uuid PRIMARY KEY,
    workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    article_id uuid NOT NULL REFERENCES kb_articles (id) ON DELETE CASCADE,
    number integer NOT NULL,
    title text NOT NULL,
    summary text NOT NULL,
    body_html text NOT NULL,
    tags text[] NOT NULL,
    note text NOT NULL DEFAULT '',
    saved_by uuid,
    saved_by_name text NOT NULL DEFAULT '',
    saved_at timestamptz NOT NULL,
    CONSTRAINT kb_article_versions_number_unique UNIQUE (article_id, number)
);

-- One answer per visitor per article: the key is a hash of the visitor's cookie, never an address.
CREATE TABLE kb_feedback (
    article_id uuid NOT NULL REFERENCES kb_articles (id) ON DELETE CASCADE,
    workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    visitor_key text NOT NULL,
    helpful boolean NOT NULL,
    at timestamptz NOT NULL,
    PRIMARY KEY (article_id, visitor_key)
);
