--liquibase formatted sql

--changeset relaydesk:046-assist
-- What the assistant suggested and what became of it: the audit trail (input, output, model, who
-- acted) and the feedback the plugin's admin page counts. A suggestion is one row (outcome
-- 'suggested', or 'applied' when triage applied it by itself); an agent's decision on it is another
-- row pointing at it (accepted, edited: accepted with changed arguments, rejected).
CREATE TABLE assist_events (
    id            uuid PRIMARY KEY,
    workspace_id  uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    ticket_id     uuid REFERENCES tickets (id) ON DELETE CASCADE,
    feature       text NOT NULL CHECK (feature IN ('triage', 'next_actions', 'related', 'draft', 'summary', 'answer')),
    outcome       text NOT NULL CHECK (outcome IN ('suggested', 'applied', 'accepted', 'edited', 'rejected', 'failed')),
    suggestion_id uuid REFERENCES assist_events (id) ON DELETE SET NULL,
    action_kind   text,
    input         text NOT NULL,
    output        text NOT NULL,
    model         text NOT NULL,
    plugin_id     text NOT NULL,
    actor_id      uuid,
    actor_name    text NOT NULL,
    created_at    timestamptz NOT NULL
);
CREATE INDEX assist_events_ticket_idx ON assist_events (ticket_id, created_at);
CREATE INDEX assist_events_feature_idx ON assist_events (workspace_id, feature, outcome);

-- A workspace's choices for the assistant: above which confidence triage applies its suggestions by
-- itself (null: never, only suggest), whether a frustrated customer's ticket is escalated on arrival,
-- and whether the widget answers questions from the help centre before its contact form.
CREATE TABLE assist_settings (
    workspace_id        uuid PRIMARY KEY REFERENCES workspaces (id) ON DELETE CASCADE,
    apply_above         numeric(3, 2) CHECK (apply_above IS NULL OR apply_above BETWEEN 0.5 AND 1),
    escalate_frustrated boolean NOT NULL DEFAULT true,
    widget_answers      boolean NOT NULL DEFAULT true,
    updated_at          timestamptz NOT NULL DEFAULT now()
);

-- A follow-up an agent set on a ticket: at due_at the ticket is reopened (if it is waiting or solved)
-- with the note, and its author is told. done_at when that happened or the reminder was cancelled.
CREATE TABLE ticket_reminders (
    id              uuid PRIMARY KEY,
    workspace_id    uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    ticket_id       uuid NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
    due_at          timestamptz NOT NULL,
    note            text NOT NULL,
    created_by_id   uuid REFERENCES users (id) ON DELETE SET NULL,
    created_by_name text NOT NULL,
    created_at      timestamptz NOT NULL,
    done_at         timestamptz
);
CREATE INDEX ticket_reminders_due_idx ON ticket_reminders (due_at) WHERE done_at IS NULL;
CREATE INDEX ticket_reminders_ticket_idx ON ticket_reminders (ticket_id);
