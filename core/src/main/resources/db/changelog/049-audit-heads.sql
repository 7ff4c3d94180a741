--liquibase formatted sql

--changeset relaydesk:049-audit-heads
-- Each workspace's audit chain has a signed head and tail, kept apart from its entries: the newest
-- entry's seq and hash, and the hash the oldest entry kept must carry as its previous one (the zero
-- hash until the retention job removes entries). Checking the chain then also shows entries removed
-- from its newest or oldest end. mac: HMAC-SHA256 of the row under the audit chain's key.
CREATE TABLE audit_heads (
    workspace_id   uuid PRIMARY KEY,
    head_seq       bigint NOT NULL,
    head_hash      text NOT NULL,
    tail_prev_hash text NOT NULL,
    mac            text NOT NULL
);
