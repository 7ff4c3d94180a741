--liquibase formatted sql

--changeset relaydesk:011-routing
-- Automatic assignment: per team a strategy; per agent a limit of unresolved tickets and skills with
-- levels; per ticket the skills it needs. last_auto_assigned_at is what round robin takes turns by.
ALTER TABLE teams ADD COLUMN assignment_strategy varchar(20) NOT NULL DEFAULT 'MANUAL'
    CHECK (assignment_strategy IN ('MANUAL', 'ROUND_ROBIN', 'LEAST_BUSY', 'SKILLS'));
ALTER TABLE users ADD COLUMN max_open_tickets integer CHECK (max_open_tickets IS NULL OR max_open_tickets > 0);
ALTER TABLE users ADD COLUMN last_auto_assigned_at timestamptz;
CREATE TABLE user_skills (
    user_id uuid         NOT NULL REFERENCES users (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
    skill   varchar(50)  NOT NULL,
    level   integer      NOT NULL CHECK (level BETWEEN 1 AND 5),
    PRIMARY KEY (user_id, skill)
);
ALTER TABLE tickets ADD COLUMN required_skills jsonb NOT NULL DEFAULT '[]';
