--liquibase formatted sql

--changeset relaydesk:035-kb-files
-- Files of a knowledge-base article (pictures, PDFs, spreadsheets): shown and downloaded with the
-- article, to whoever may read it; gone with it.
CREATE TABLE kb_files (
    id uuid PRIMARY KEY,
    workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    article_id uuid NOT NULL REFERENCES kb_articles (id) ON DELETE CASCADE,
    file_name varchar(255) NOT NULL,
    content_type varchar(127) NOT NULL,
    size_bytes bigint NOT NULL,
    sha256 char(64) NOT NULL,
    content bytea NOT NULL,
    uploaded_by uuid,
    created_at timestamptz NOT NULL
);
CREATE INDEX kb_files_article_idx ON kb_files (article_id, created_at);
