package org.relaydesk.core.channel;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.relaydesk.core.persistence.Tenancy;

/**
 * The line of stored inbound messages waiting to be filed, shared by every worker of every node
 * through the database. A worker claims one message at a time (a lease in the row, taken with
 * FOR UPDATE SKIP LOCKED in a short transaction of its own), files it, and lets it go. A message
 * is claimable only when no earlier message of the same sender (workspace, account and sender) is
 * still pending: one being filed by another worker, one waiting to be tried again, or one whose
 * sender is not known yet. So a sender's messages are filed in the order they arrived, and one
 * sender's slow or failing message holds up nobody else.
 */
@ApplicationScoped
public class InboundQueue {
    /** A worker that dies (a killed server) lets its message go after this long; a live one is done long before. */
    static final Duration LEASE = Duration.ofSeconds(120);

    @Inject
    Tenancy tenancy;

    /** A message claimed for filing. */
    public record Claim(UUID id, UUID workspaceId, int attempts) {
    }

    /** A stored message whose sender is not known yet. */
    record Unread(UUID id, UUID workspaceId, UUID accountId, java.time.Instant accountUpdatedAt, String kind, org.relaydesk.api.channel.RawMessage raw) {
    }

    /** How many pending messages one step of the walk reads (oldest first, from the pending index). */
    static final int WALK_PAGE = 100;
    /**
     * How far back the walk looks for a claimable message: one sender with a long line of waiting
     * messages (its first one failing, say) costs a look this deep at most; messages further back
     * wait until the line ahead of them shortens.
     */
    static final int WALK_LIMIT = 20_000;

    /**
     * The oldest claimable message of an enabled kind, now leased to {@code worker}; null when there is none.
     * <p>
     * Walks the pending messages in arrival order, a page at a time through the pending index, and
     * stops at the first sender's head: a message whose sender is known, that is neither leased nor
     * waiting for a retry, and that has no earlier pending message of the same sender (nor an unread
     * one of its account) ahead of it. That candidate is checked again by the database and leased in
     * one statement (FOR UPDATE SKIP LOCKED: two workers never take the same one). One query that asked the planner for "the oldest head" made it test every pending
     * message and sort them (seconds with a few thousand waiting); each step here reads a bounded
     * range of the index, and the walk ends at the first head, which is near the front unless many
     * senders are waiting behind their own earlier messages.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Claim claim(String worker, List<String> kinds) {
        @SuppressWarnings("unchecked")
        java.util.Set<String> accounts = new java.util.HashSet<>(tenancy.sql("SELECT CAST(id AS text) FROM channel_accounts WHERE kind = ANY (CAST(?1 AS text[]))")
                .setParameter(1, array(kinds)).getResultList().stream().map(Object::toString).toList());
        if (accounts.isEmpty()) {
            return null;
        }
        // The table fills from empty faster than its statistics follow: estimating a handful of pending
        // rows, the planner would read them all through a bitmap and sort them for every page. Without
        // sorting, the only plan left is the ordered walk of the pending index, which stops after a page.
        tenancy.sql("SET LOCAL enable_sort = off").executeUpdate();
        java.util.Set<String> sendersAhead = new java.util.HashSet<>();
        java.util.Set<String> accountsWithUnread = new java.util.HashSet<>();
        java.sql.Timestamp afterAt = null;
        String afterId = null;
        for (int walked = 0; walked < WALK_LIMIT; walked += WALK_PAGE) {
            List<Object[]> page = page(afterAt, afterId);
            for (Object[] row : page) {
                String account = row[1].toString();
                if (!accounts.contains(account)) {
                    continue; // a kind whose plugin is off: its messages wait, and hold up no one else
                }
                String sender = row[2] == null ? null : account + "|" + row[2];
                boolean waiting = (Boolean) row[4];
                if (sender == null) {
                    accountsWithUnread.add(account);
                    continue;
                }
                if (!waiting && !sendersAhead.contains(sender) && !accountsWithUnread.contains(account)) {
                    Claim claimed = lease(row[0].toString(), worker);
                    if (claimed != null) {
                        return claimed;
                    }
                    // another worker took this head meanwhile: its sender's next messages wait behind it
                }
                sendersAhead.add(sender);
            }
            if (page.size() < WALK_PAGE) {
                return null;
            }
            Object[] last = page.get(page.size() - 1);
            afterAt = (java.sql.Timestamp) last[3];
            afterId = last[0].toString();
        }
        return null;
    }

    /** The next pending messages in arrival order after (afterAt, afterId), read along the pending index. */
    @SuppressWarnings("unchecked")
    private List<Object[]> page(java.sql.Timestamp afterAt, String afterId) {
        String after = afterAt == null ? "" : "AND (m.received_at, m.id) > (?1, CAST(?2 AS uuid)) ";
        var query = tenancy.sql("SELECT CAST(m.id AS text), CAST(m.account_id AS text), m.sender_key, m.received_at, "
                + "(m.claimed_until IS NOT NULL AND m.claimed_until >= now()) OR (m.retry_at IS NOT NULL AND m.retry_at > now()) "
                + "FROM inbound_messages m WHERE m.status = 'pending' " + after + "ORDER BY m.received_at, m.id LIMIT " + WALK_PAGE);
        if (afterAt != null) {
            query.setParameter(1, afterAt).setParameter(2, afterId);
        }
        return query.getResultList();
    }

    /**
     * Leases the message if it is still a claimable head, checked again under its row lock (SKIP
     * LOCKED: a message another worker is leasing right now is left to it); null when it is not.
     */
    private Claim lease(String id, String worker) {
        Object[] row = (Object[]) tenancy.sql("UPDATE inbound_messages SET claimed_until = now() + make_interval(secs => ?3), claimed_by = ?2 "
                        + "WHERE id = (SELECT m.id FROM inbound_messages m WHERE m.id = CAST(?1 AS uuid) "
                        + "AND m.status = 'pending' AND m.sender_key IS NOT NULL "
                        + "AND (m.claimed_until IS NULL OR m.claimed_until < now()) AND (m.retry_at IS NULL OR m.retry_at <= now()) "
                        + "AND NOT EXISTS (SELECT 1 FROM inbound_messages e WHERE e.account_id = m.account_id AND e.status = 'pending' "
                        + "AND e.sender_key = m.sender_key AND (e.received_at, e.id) < (m.received_at, m.id)) "
                        + "AND NOT EXISTS (SELECT 1 FROM inbound_messages u WHERE u.account_id = m.account_id AND u.status = 'pending' "
                        + "AND u.sender_key IS NULL AND u.received_at <= m.received_at) "
                        + "FOR UPDATE OF m SKIP LOCKED) "
                        + "RETURNING CAST(id AS text), CAST(workspace_id AS text), attempts")
                .setParameter(1, id).setParameter(2, worker).setParameter(3, (double) LEASE.toSeconds())
                .getResultStream().findFirst().orElse(null);
        return row == null ? null : new Claim(UUID.fromString(row[0].toString()), UUID.fromString(row[1].toString()), ((Number) row[2]).intValue());
    }

    /** Stored messages of enabled kinds whose sender is not known yet, oldest first. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public List<Unread> unread(List<String> kinds, int max) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = tenancy.sql("SELECT CAST(m.id AS text), CAST(m.workspace_id AS text), CAST(m.account_id AS text), a.kind, m.external_id, "
                        + "m.content_type, m.content, m.received_at, a.updated_at FROM inbound_messages m JOIN channel_accounts a ON a.id = m.account_id "
                        + "WHERE m.status = 'pending' AND m.sender_key IS NULL AND a.kind = ANY (CAST(?1 AS text[])) ORDER BY m.received_at, m.id LIMIT " + max)
                .setParameter(1, array(kinds)).getResultList();
        return rows.stream().map(r -> new Unread(UUID.fromString(r[0].toString()), UUID.fromString(r[1].toString()), UUID.fromString(r[2].toString()),
                ((java.sql.Timestamp) r[8]).toInstant(), r[3].toString(), new org.relaydesk.api.channel.RawMessage(r[4].toString(), r[5].toString(), (byte[]) r[6],
                        ((java.sql.Timestamp) r[7]).toInstant()))).toList();
    }

    /** Who sent the messages, as read; ids and keys pair up. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void senders(List<UUID> ids, List<String> keys) {
        for (int i = 0; i < ids.size(); i++) {
            tenancy.sql("UPDATE inbound_messages SET sender_key = ?1 WHERE id = CAST(?2 AS uuid) AND sender_key IS NULL")
                    .setParameter(1, keys.get(i)).setParameter(2, ids.get(i).toString()).executeUpdate();
        }
    }

    /** The worker stops before filing it (the server shuts down): the message stays pending, untouched, for the next worker. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void release(UUID id, String worker) {
        tenancy.sql("UPDATE inbound_messages SET claimed_until = NULL, claimed_by = NULL WHERE id = CAST(?1 AS uuid) AND claimed_by = ?2")
                .setParameter(1, id.toString()).setParameter(2, worker).executeUpdate();
    }

    /**
     * Filing failed for a passing reason: the message stays pending and is tried again after
     * {@code delay}; its sender's later messages wait behind it meanwhile.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void retryLater(UUID id, String reason, Duration delay) {
        tenancy.sql("UPDATE inbound_messages SET claimed_until = NULL, claimed_by = NULL, attempts = attempts + 1, error = ?1, "
                        + "retry_at = now() + make_interval(secs => ?2) WHERE id = CAST(?3 AS uuid)")
                .setParameter(1, reason.length() > 2000 ? reason.substring(0, 2000) : reason).setParameter(2, (double) delay.toSeconds())
                .setParameter(3, id.toString()).executeUpdate();
    }

    private static String array(List<String> kinds) {
        return "{" + String.join(",", kinds) + "}";
    }
}
