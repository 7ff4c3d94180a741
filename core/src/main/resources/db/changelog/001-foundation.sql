--liquibase formatted sql

--changeset relaydesk:001-foundation
-- Foreign keys are checked at commit: entities refer to each other by id, and EclipseLink does not
-- order inserts by such plain-column references.
CREATE TABLE system_settings (
    key        varchar(100) PRIMARY KEY,
    value      text NOT NULL
);

CREATE TABLE workspaces (
    id            uuid PRIMARY KEY,
    name          varchar(200) NOT NULL,
    slug          varchar(64)  NOT NULL UNIQUE,
    ticket_prefix varchar(16)  NOT NULL DEFAULT '#',
    time_zone     varchar(64)  NOT NULL DEFAULT 'UTC',
    created_at    timestamptz  NOT NULL DEFAULT now(),
    version       bigint       NOT NULL DEFAULT 0
);

CREATE TABLE users (
    id            uuid PRIMARY KEY,
    workspace_id  uuid NOT NULL REFERENCES workspaces (id) DEFERRABLE INITIALLY DEFERRED,
    email         varchar(320) NOT NULL,
    name          varchar(200) NOT NULL,
    role          varchar(20)  NOT NULL CHECK (role IN ('AGENT', 'SUPERVISOR', 'ADMIN')),
    system_admin  boolean      NOT NULL DEFAULT false,
    password_hash varchar(255) NOT NULL,
    active        boolean      NOT NULL DEFAULT true,
    created_at    timestamptz  NOT NULL DEFAULT now(),
    last_login_at timestamptz
);
-- A staff member belongs to one workspace, so an address signs in to exactly one account.
CREATE UNIQUE INDEX users_email_key ON users (lower(email));
CREATE INDEX users_workspace_idx ON users (workspace_id);

CREATE TABLE api_tokens (
    id           uuid PRIMARY KEY,
    workspace_id uuid NOT NULL REFERENCES workspaces (id) DEFERRABLE INITIALLY DEFERRED,
    user_id      uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
    name         varchar(100) NOT NULL,
    token_hash   char(64)     NOT NULL UNIQUE,
    created_at   timestamptz  NOT NULL DEFAULT now(),
    last_used_at timestamptz,
    revoked_at   timestamptz
);

CREATE TABLE teams (
    id           uuid PRIMARY KEY,
    workspace_id uuid NOT NULL REFERENCES workspaces (id) DEFERRABLE INITIALLY DEFERRED,
    name         varchar(200) NOT NULL,
    description  text,
    created_at   timestamptz  NOT NULL DEFAULT now()
);
CREATE TABLE team_members (
    team_id uuid NOT NULL REFERENCES teams (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
    user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
    PRIMARY KEY (team_id, user_id)
);

CREATE TABLE departments (
    id           uuid PRIMARY KEY,
    workspace_id uuid NOT NULL REFERENCES workspaces (id) DEFERRABLE INITIALLY DEFERRED,
    name         varchar(200) NOT NULL,
    description  text,
    created_at   timestamptz  NOT NULL DEFAULT now()
);

CREATE TABLE contacts (
    id            uuid PRIMARY KEY,
    workspace_id  uuid NOT NULL REFERENCES workspaces (id) DEFERRABLE INITIALLY DEFERRED,
    name          varchar(200) NOT NULL,
    primary_email varchar(320),
    organization  varchar(200),
    created_at    timestamptz  NOT NULL DEFAULT now()
);
CREATE INDEX contacts_workspace_idx ON contacts (workspace_id);

CREATE TABLE contact_identities (
    id           uuid PRIMARY KEY,
    workspace_id uuid NOT NULL REFERENCES workspaces (id) DEFERRABLE INITIALLY DEFERRED,
    contact_id   uuid NOT NULL REFERENCES contacts (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
    kind         varchar(20)  NOT NULL,
    value        varchar(320) NOT NULL
);
-- One person reached on one address is one contact.
CREATE UNIQUE INDEX contact_identities_key ON contact_identities (workspace_id, kind, lower(value));
CREATE INDEX contact_identities_contact_idx ON contact_identities (contact_id);

CREATE TABLE ticket_categories (
    id           uuid PRIMARY KEY,
    workspace_id uuid NOT NULL REFERENCES workspaces (id) DEFERRABLE INITIALLY DEFERRED,
    parent_id    uuid REFERENCES ticket_categories (id) DEFERRABLE INITIALLY DEFERRED,
    name         varchar(200) NOT NULL,
    description  text,
    color        char(7)      NOT NULL,
    created_at   timestamptz  NOT NULL DEFAULT now()
);
CREATE INDEX ticket_categories_workspace_idx ON ticket_categories (workspace_id);

CREATE TABLE tickets (
    id                uuid PRIMARY KEY,
    workspace_id      uuid NOT NULL REFERENCES workspaces (id) DEFERRABLE INITIALLY DEFERRED,
    number            bigint       NOT NULL,
    subject           varchar(500) NOT NULL,
    description       text,
    status            varchar(32)  NOT NULL,
    priority          varchar(16)  NOT NULL,
    priority_rank     smallint     NOT NULL,
    type              varchar(16)  NOT NULL,
    category_id       uuid REFERENCES ticket_categories (id) ON DELETE SET NULL DEFERRABLE INITIALLY DEFERRED,
    requester_id      uuid NOT NULL REFERENCES contacts (id) DEFERRABLE INITIALLY DEFERRED,
    assignee_id       uuid REFERENCES users (id) DEFERRABLE INITIALLY DEFERRED,
    team_id           uuid REFERENCES teams (id) ON DELETE SET NULL DEFERRABLE INITIALLY DEFERRED,
    department_id     uuid REFERENCES departments (id) ON DELETE SET NULL DEFERRABLE INITIALLY DEFERRED,
    source_channel    varchar(32)  NOT NULL,
    custom_fields     jsonb        NOT NULL DEFAULT '{}',
    merged_into_id    uuid REFERENCES tickets (id) DEFERRABLE INITIALLY DEFERRED,
    first_response_at timestamptz,
    resolved_at       timestamptz,
    closed_at         timestamptz,
    created_at        timestamptz  NOT NULL,
    updated_at        timestamptz  NOT NULL,
    version           bigint       NOT NULL DEFAULT 0,
    search_vector     tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('english', coalesce(subject, '')), 'A') ||
        setweight(to_tsvector('english', coalesce(description, '')), 'B')) STORED,
    UNIQUE (workspace_id, number)
);
-- The queue: a workspace's tickets in a status, newest or by priority then age.
CREATE INDEX tickets_queue_idx ON tickets (workspace_id, status, priority_rank DESC, created_at);
-- "My open tickets": one assignee's queue sorted by priority then age.
CREATE INDEX tickets_assignee_idx ON tickets (workspace_id, assignee_id, status, priority_rank DESC, created_at);
CREATE INDEX tickets_created_idx ON tickets (workspace_id, created_at DESC);
CREATE INDEX tickets_requester_idx ON tickets (requester_id);
CREATE INDEX tickets_category_idx ON tickets (category_id) WHERE category_id IS NOT NULL;
CREATE INDEX tickets_search_idx ON tickets USING gin (search_vector);

CREATE TABLE ticket_tags (
    ticket_id uuid        NOT NULL REFERENCES tickets (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
    tag       varchar(64) NOT NULL,
    PRIMARY KEY (ticket_id, tag)
);
CREATE INDEX ticket_tags_tag_idx ON ticket_tags (tag);

CREATE TABLE ticket_links (
    id               uuid PRIMARY KEY,
    workspace_id     uuid NOT NULL REFERENCES workspaces (id) DEFERRABLE INITIALLY DEFERRED,
    ticket_id        uuid NOT NULL REFERENCES tickets (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
    linked_ticket_id uuid NOT NULL REFERENCES tickets (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
    kind             varchar(32) NOT NULL,
    created_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX ticket_links_ticket_idx ON ticket_links (ticket_id);

CREATE TABLE messages (
    id                    uuid PRIMARY KEY,
    workspace_id          uuid NOT NULL REFERENCES workspaces (id) DEFERRABLE INITIALLY DEFERRED,
    ticket_id             uuid NOT NULL REFERENCES tickets (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
    kind                  varchar(16)  NOT NULL,
    author_type           varchar(16)  NOT NULL,
    author_user_id        uuid REFERENCES users (id) DEFERRABLE INITIALLY DEFERRED,
    author_contact_id     uuid REFERENCES contacts (id) DEFERRABLE INITIALLY DEFERRED,
    author_name           varchar(200) NOT NULL,
    body_html             text         NOT NULL,
    body_text             text         NOT NULL,
    external_id           varchar(500),
    merged_from_ticket_id uuid,
    created_at            timestamptz  NOT NULL,
    edited_at             timestamptz,
    search_vector         tsvector GENERATED ALWAYS AS (to_tsvector('english', body_text)) STORED
);
CREATE INDEX messages_ticket_idx ON messages (ticket_id, created_at);
CREATE INDEX messages_search_idx ON messages USING gin (search_vector);

CREATE TABLE ticket_events (
    id           uuid PRIMARY KEY,
    workspace_id uuid NOT NULL REFERENCES workspaces (id) DEFERRABLE INITIALLY DEFERRED,
    ticket_id    uuid NOT NULL REFERENCES tickets (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
    action       varchar(64)  NOT NULL,
    field        varchar(64),
    before_value text,
    after_value  text,
    actor_type   varchar(16)  NOT NULL,
    actor_id     uuid,
    actor_name   varchar(200) NOT NULL,
    created_at   timestamptz  NOT NULL
);
CREATE INDEX ticket_events_ticket_idx ON ticket_events (ticket_id, created_at);

CREATE TABLE ticket_access_tokens (
    id           uuid PRIMARY KEY,
    workspace_id uuid NOT NULL REFERENCES workspaces (id) DEFERRABLE INITIALLY DEFERRED,
    ticket_id    uuid NOT NULL REFERENCES tickets (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
    token_hash   char(64)    NOT NULL UNIQUE,
    created_at   timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE satisfaction_ratings (
    id           uuid PRIMARY KEY,
    workspace_id uuid NOT NULL REFERENCES workspaces (id) DEFERRABLE INITIALLY DEFERRED,
    ticket_id    uuid NOT NULL UNIQUE REFERENCES tickets (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
    rating       smallint    NOT NULL CHECK (rating BETWEEN 1 AND 5),
    feedback     text,
    created_at   timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE canned_responses (
    id           uuid PRIMARY KEY,
    workspace_id uuid NOT NULL REFERENCES workspaces (id) DEFERRABLE INITIALLY DEFERRED,
    title        varchar(200) NOT NULL,
    shortcut     varchar(40),
    category     varchar(100),
    content      text         NOT NULL,
    usage_count  bigint       NOT NULL DEFAULT 0,
    created_at   timestamptz  NOT NULL DEFAULT now(),
    updated_at   timestamptz  NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX canned_responses_shortcut_key ON canned_responses (workspace_id, shortcut) WHERE shortcut IS NOT NULL;

CREATE TABLE outbox (
    id              uuid PRIMARY KEY,
    workspace_id    uuid NOT NULL REFERENCES workspaces (id) DEFERRABLE INITIALLY DEFERRED,
    kind            varchar(64) NOT NULL,
    payload         jsonb       NOT NULL,
    status          varchar(16) NOT NULL,
    attempts        int         NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL,
    last_error      text,
    created_at      timestamptz NOT NULL DEFAULT now()
);
-- Workers claim due rows with FOR UPDATE SKIP LOCKED; only pending rows are indexed.
CREATE INDEX outbox_due_idx ON outbox (next_attempt_at) WHERE status = 'pending';
