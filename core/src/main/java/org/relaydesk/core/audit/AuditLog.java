package org.relaydesk.core.audit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.ContextNotActiveException;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.relaydesk.core.access.Caller;
import org.relaydesk.core.error.PermissionDeniedException;
import org.relaydesk.core.persistence.SecretBox;
import org.relaydesk.core.persistence.Tenancy;
import org.relaydesk.core.user.AuthenticatedUser;
import org.relaydesk.core.user.Role;

/**
 * The audit log: records each {@link Audited} event in the transaction that fired it, chained per
 * workspace (see {@link AuditChain}); admins search it, export it and check its chain. Entries of a
 * workspace are appended one at a time (a transaction-scoped advisory lock per workspace, which every
 * node of a cluster shares through the database), so the chain has one order.
 */
@ApplicationScoped
public class AuditLog {
    public static final int MAX_PAGE = 200;

    @Inject
    Tenancy tenancy;

    @Inject
    SecretBox secretBox;

    @Inject
    Caller caller;

    @Inject
    Event<Audited> events;

    Clock clock = Clock.systemUTC();

    /** Records the event in the firing transaction: the record and the change commit together, or neither. */
    @Transactional
    void onAudited(@Observes Audited event) {
        append(event);
    }

    /** For an attempt that is refused by an exception (its transaction rolls back): recorded in a transaction of its own. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void recordApart(Audited event) {
        append(event);
    }

    /** What one entry says, as the admin panel and the API show it. */
    public record Entry(long seq, Instant occurredAt, UUID actorId, String actor, String clientAddress, String action, String actionLabel,
            String targetType, String targetId, String targetLabel, String before, String after) {
    }

    /** A search: any of action, actor (part of the name or address), from and to; entries before {@code beforeSeq} for the next page. */
    public record Filter(AuditAction action, String actor, Instant from, Instant to, Long beforeSeq, int limit) {
        /** A search as the API and the panel receive it: an action by its name, an actor text of at most 320 characters without NUL. */
        public static Filter of(String action, String actor, Instant from, Instant to, Long beforeSeq, int limit) {
            AuditAction wanted = null;
            if (action != null && !action.isBlank()) {
                wanted = AuditAction.fromApiName(action).orElseThrow(() -> new org.relaydesk.core.error.InvalidInputException("action",
                        "is not an action the audit log records"));
            }
            if (actor != null && (actor.length() > 320 || actor.indexOf('\0') >= 0)) {
                throw new org.relaydesk.core.error.InvalidInputException("actor", "at most 320 characters, and no NUL");
            }
            return new Filter(wanted, actor, from, to, beforeSeq, limit);
        }

        public Filter before(Long seq, int size) {
            return new Filter(action, actor, from, to, seq, size);
        }
    }

    /** The chain checked: intact, or the first entry where it breaks and why. */
    public record Verification(boolean intact, long checked, Long brokenAt, String problem) {
    }

    private void append(Audited event) {
        // an installation-wide change (a plugin) is recorded in the workspace of the system administrator who made it
        UUID workspaceId = event.workspaceId() != null ? event.workspaceId() : signedIn().map(AuthenticatedUser::workspaceId).orElse(null);
        if (workspaceId == null) {
            java.util.logging.Logger.getLogger(AuditLog.class.getName()).info(() -> "Not in the audit log (no workspace): " + event);
            return;
        }
        String workspace = workspaceId.toString();
        // the firing transaction's own changes take their row locks first, then the chain's lock: one order for every
        // transaction, so that an audited change and a sign-in of the same person cannot wait on each other
        tenancy.global().flush();
        lock(workspace);
        Optional<AuditChain.Ends> ends = ends(workspace);
        String prev = ends.map(AuditChain.Ends::headHash).orElse(AuditChain.GENESIS);
        long seq = ((Number) tenancy.sql("SELECT nextval('audit_events_seq_seq')").getSingleResult()).longValue();
        Instant at = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Optional<AuthenticatedUser> user = signedIn();
        UUID actorId = event.actorLabel() != null ? event.actorId() : user.map(AuthenticatedUser::id).orElse(null);
        String actorLabel = event.actorLabel() != null ? event.actorLabel() : user.map(AuthenticatedUser::email).orElse("system");
        String client = clientAddress().orElse(null);
        AuditChain.Entry entry = new AuditChain.Entry(seq, workspace, at, actorId == null ? null : actorId.toString(), actorLabel, client,
                event.action().apiName(), event.targetType(), event.targetId(), event.targetLabel(), event.before(), event.after(), prev);
        tenancy.sql("INSERT INTO audit_events (seq, workspace_id, occurred_at, actor_id, actor_label, client_address, action, target_type, "
                + "target_id, target_label, before_value, after_value, prev_hash, hash) VALUES (?1, CAST(?2 AS uuid), ?3, CAST(?4 AS uuid), ?5, ?6, ?7, "
                + "?8, ?9, ?10, ?11, ?12, ?13, ?14)")
                .setParameter(1, seq).setParameter(2, workspace).setParameter(3, Timestamp.from(at)).setParameter(4, entry.actorId())
                .setParameter(5, actorLabel).setParameter(6, client).setParameter(7, entry.action()).setParameter(8, entry.targetType())
                .setParameter(9, entry.targetId()).setParameter(10, entry.targetLabel()).setParameter(11, entry.before())
                .setParameter(12, entry.after()).setParameter(13, prev).setParameter(14, AuditChain.hash(entry, key())).executeUpdate();
        saveEnds(new AuditChain.Ends(workspace, seq, AuditChain.hash(entry, key()), ends.map(AuditChain.Ends::tailPrevHash).orElse(AuditChain.GENESIS)));
    }

    /** One writer of a workspace's chain at a time, on every node: a transaction-scoped advisory lock. */
    private void lock(String workspace) {
        tenancy.sql("SELECT pg_advisory_xact_lock(hashtext(?1))").setParameter(1, "relaydesk.audit:" + workspace).getSingleResult();
    }

    /** The workspace's signed ends, when it has any (the row's own signature is checked by {@link #verify}). */
    private Optional<AuditChain.Ends> ends(String workspace) {
        List<?> rows = tenancy.sql("SELECT head_seq, head_hash, tail_prev_hash FROM audit_heads WHERE workspace_id = CAST(?1 AS uuid)")
                .setParameter(1, workspace).getResultList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Object[] row = (Object[]) rows.get(0);
        return Optional.of(new AuditChain.Ends(workspace, ((Number) row[0]).longValue(), (String) row[1], (String) row[2]));
    }

    private void saveEnds(AuditChain.Ends ends) {
        tenancy.sql("INSERT INTO audit_heads (workspace_id, head_seq, head_hash, tail_prev_hash, mac) VALUES (CAST(?1 AS uuid), ?2, ?3, ?4, ?5) "
                + "ON CONFLICT (workspace_id) DO UPDATE SET head_seq = EXCLUDED.head_seq, head_hash = EXCLUDED.head_hash, "
                + "tail_prev_hash = EXCLUDED.tail_prev_hash, mac = EXCLUDED.mac")
                .setParameter(1, ends.workspaceId()).setParameter(2, ends.headSeq()).setParameter(3, ends.headHash())
                .setParameter(4, ends.tailPrevHash()).setParameter(5, ends.mac(key())).executeUpdate();
    }

    private Optional<AuthenticatedUser> signedIn() {
        try {
            return caller.user();
        } catch (ContextNotActiveException e) {
            return Optional.empty(); // a job outside any request: the system's own work
        }
    }

    private Optional<String> clientAddress() {
        try {
            return caller.clientAddress();
        } catch (ContextNotActiveException e) {
            return Optional.empty();
        }
    }

    private byte[] key() {
        return secretBox.derive("audit-chain");
    }

    /** The admin's workspace's entries, newest first. */
    @Transactional
    public List<Entry> search(AuthenticatedUser admin, Filter filter) {
        requireAdmin(admin);
        StringBuilder sql = new StringBuilder("SELECT seq, occurred_at, CAST(actor_id AS text), actor_label, client_address, action, target_type, "
                + "target_id, target_label, before_value, after_value FROM audit_events WHERE workspace_id = CAST(?1 AS uuid)");
        List<Object> parameters = new ArrayList<>();
        parameters.add(admin.workspaceId().toString());
        if (filter.action() != null) {
            parameters.add(filter.action().apiName());
            sql.append(" AND action = ?").append(parameters.size());
        }
        if (filter.actor() != null && !filter.actor().isBlank()) {
            parameters.add("%" + filter.actor().trim().toLowerCase(java.util.Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
            sql.append(" AND lower(actor_label) LIKE ?").append(parameters.size());
        }
        if (filter.from() != null) {
            parameters.add(Timestamp.from(filter.from()));
            sql.append(" AND occurred_at >= ?").append(parameters.size());
        }
        if (filter.to() != null) {
            parameters.add(Timestamp.from(filter.to()));
            sql.append(" AND occurred_at < ?").append(parameters.size());
        }
        if (filter.beforeSeq() != null) {
            parameters.add(filter.beforeSeq());
            sql.append(" AND seq < ?").append(parameters.size());
        }
        sql.append(" ORDER BY seq DESC LIMIT ").append(Math.max(1, Math.min(MAX_PAGE, filter.limit())));
        var query = tenancy.sql(sql.toString());
        for (int i = 0; i < parameters.size(); i++) {
            query.setParameter(i + 1, parameters.get(i));
        }
        List<Entry> entries = new ArrayList<>();
        for (Object row : query.getResultList()) {
            Object[] r = (Object[]) row;
            String action = (String) r[5];
            entries.add(new Entry(((Number) r[0]).longValue(), instant(r[1]), r[2] == null ? null : UUID.fromString((String) r[2]), (String) r[3],
                    (String) r[4], action, AuditAction.fromApiName(action).map(AuditAction::label).orElse(action), (String) r[6], (String) r[7],
                    (String) r[8], (String) r[9], (String) r[10]));
        }
        return entries;
    }

    /** The person's own latest sign-ins (when, from where, how), for their settings page: anyone may see their own. */
    @Transactional
    public List<Entry> recentSignIns(AuthenticatedUser me, int limit) {
        List<Entry> entries = new ArrayList<>();
        for (Object row : tenancy.sql("SELECT seq, occurred_at, client_address, after_value FROM audit_events WHERE workspace_id = CAST(?1 AS uuid) "
                + "AND actor_id = CAST(?2 AS uuid) AND action = ?3 ORDER BY seq DESC LIMIT " + Math.max(1, Math.min(50, limit)))
                .setParameter(1, me.workspaceId().toString()).setParameter(2, me.id().toString()).setParameter(3, AuditAction.SIGN_IN.apiName())
                .getResultList()) {
            Object[] r = (Object[]) row;
            entries.add(new Entry(((Number) r[0]).longValue(), instant(r[1]), me.id(), me.email(), (String) r[2], AuditAction.SIGN_IN.apiName(),
                    AuditAction.SIGN_IN.label(), "user", me.id().toString(), me.email(), null, (String) r[3]));
        }
        return entries;
    }

    /**
     * Recomputes the admin's workspace's chain from its signed tail (the previous hash its oldest kept
     * entry must carry) to its signed head (the newest entry's seq and hash): an entry changed, added,
     * removed anywhere (at either end too) or reordered shows, as does a changed head or tail.
     */
    @Transactional
    public Verification verify(AuthenticatedUser admin) {
        requireAdmin(admin);
        byte[] key = key();
        String workspace = admin.workspaceId().toString();
        List<?> signed = tenancy.sql("SELECT head_seq, head_hash, tail_prev_hash, mac FROM audit_heads WHERE workspace_id = CAST(?1 AS uuid)")
                .setParameter(1, workspace).getResultList();
        AuditChain.Ends ends = null;
        if (!signed.isEmpty()) {
            Object[] row = (Object[]) signed.get(0);
            ends = new AuditChain.Ends(workspace, ((Number) row[0]).longValue(), (String) row[1], (String) row[2]);
            if (!ends.mac(key).equals(row[3])) {
                return new Verification(false, 0, null, "the record of the chain's ends was changed");
            }
        }
        String expectedPrev = ends == null ? AuditChain.GENESIS : ends.tailPrevHash();
        long checked = 0;
        long after = 0;
        long lastSeq = 0;
        while (true) {
            List<?> rows = tenancy.sql("SELECT seq, occurred_at, CAST(actor_id AS text), actor_label, client_address, action, target_type, target_id, "
                    + "target_label, before_value, after_value, prev_hash, hash FROM audit_events WHERE workspace_id = CAST(?1 AS uuid) AND seq > ?2 "
                    + "ORDER BY seq LIMIT 1000").setParameter(1, workspace).setParameter(2, after).getResultList();
            if (rows.isEmpty()) {
                break;
            }
            for (Object row : rows) {
                Object[] r = (Object[]) row;
                long seq = ((Number) r[0]).longValue();
                AuditChain.Entry entry = new AuditChain.Entry(seq, workspace, instant(r[1]), (String) r[2], (String) r[3],
                        (String) r[4], (String) r[5], (String) r[6], (String) r[7], (String) r[8], (String) r[9], (String) r[10], (String) r[11]);
                if (!expectedPrev.equals(entry.prevHash())) {
                    return new Verification(false, checked, seq, checked == 0 ? "entries before this one, the oldest kept, were removed or this one added"
                            : "an entry before this one was removed, added or changed");
                }
                if (!AuditChain.hash(entry, key).equals(r[12])) {
                    return new Verification(false, checked, seq, "this entry was changed after it was recorded");
                }
                expectedPrev = (String) r[12];
                checked++;
                after = seq;
                lastSeq = seq;
            }
        }
        if (ends == null) {
            return checked == 0 ? new Verification(true, 0, null, null)
                    : new Verification(false, checked, null, "the record of the chain's ends is missing");
        }
        if (lastSeq != ends.headSeq() || !expectedPrev.equals(ends.headHash())) {
            return new Verification(false, checked, ends.headSeq(), "the newest entries, up to this one, were removed");
        }
        return new Verification(true, checked, null, null);
    }

    /** The search's entries as CSV (at most 100,000: narrow the search for more), newest first; the export is itself recorded. */
    @Transactional
    public String exportCsv(AuthenticatedUser admin, Filter filter) {
        requireAdmin(admin);
        StringBuilder out = new StringBuilder();
        try (org.apache.commons.csv.CSVPrinter csv = new org.apache.commons.csv.CSVPrinter(out, org.apache.commons.csv.CSVFormat.RFC4180.builder()
                .setHeader("seq", "occurred_at", "actor", "actor_id", "client_address", "action", "target_type", "target_id", "target", "before", "after")
                .build())) {
            Long before = filter.beforeSeq();
            int left = 100_000;
            while (left > 0) {
                List<Entry> page = search(admin, filter.before(before, MAX_PAGE));
                for (Entry e : page) {
                    csv.printRecord(e.seq(), e.occurredAt(), safe(e.actor()), e.actorId(), safe(e.clientAddress()), e.action(), safe(e.targetType()),
                            safe(e.targetId()), safe(e.targetLabel()), safe(e.before()), safe(e.after()));
                }
                left -= page.size();
                if (page.size() < MAX_PAGE) {
                    break;
                }
                before = page.get(page.size() - 1).seq();
            }
        } catch (java.io.IOException e) {
            throw new IllegalStateException("writing to a StringBuilder does not fail", e);
        }
        events.fire(Audited.of(admin.workspaceId(), AuditAction.AUDIT_EXPORTED, "audit_log", null, null));
        return out.toString();
    }

    /** A cell a spreadsheet would run as a formula is quoted as text (CSV injection). */
    private static String safe(String cell) {
        return cell != null && !cell.isEmpty() && "=+-@\t\r".indexOf(cell.charAt(0)) >= 0 ? "'" + cell : cell;
    }

    /**
     * The retention job's work (see {@link AuditRetention}): for each workspace the oldest entries, in
     * chain order, up to the last one past the period, a batch per transaction; the signed tail then
     * names the last deleted entry's hash, so the chain checks out from the new oldest entry.
     */
    public static final int PURGE_BATCH = 5_000;

    @Transactional
    public List<String> workspacesWithExpired() {
        return tenancy.sql("SELECT DISTINCT CAST(a.workspace_id AS text) FROM audit_events a WHERE a.occurred_at < now() - make_interval(days => "
                + "COALESCE((SELECT s.audit_retention_days FROM workspace_security s WHERE s.workspace_id = a.workspace_id), 365))").getResultList()
                .stream().map(Object::toString).toList();
    }

    /** Deletes up to {@link #PURGE_BATCH} of the workspace's expired entries, oldest first; how many went. */
    @Transactional
    public int purgeBatch(String workspace) {
        lock(workspace);
        List<?> cut = tenancy.sql("SELECT seq, hash FROM audit_events WHERE workspace_id = CAST(?1 AS uuid) AND seq <= (SELECT max(seq) FROM audit_events "
                + "WHERE workspace_id = CAST(?1 AS uuid) AND occurred_at < now() - make_interval(days => COALESCE((SELECT audit_retention_days "
                + "FROM workspace_security WHERE workspace_id = CAST(?1 AS uuid)), 365))) ORDER BY seq LIMIT " + PURGE_BATCH)
                .setParameter(1, workspace).getResultList();
        if (cut.isEmpty()) {
            return 0;
        }
        Object[] last = (Object[]) cut.get(cut.size() - 1);
        tenancy.sql("SELECT set_config('relaydesk.audit_purge', 'on', true)").getSingleResult();
        int removed = tenancy.sql("DELETE FROM audit_events WHERE workspace_id = CAST(?1 AS uuid) AND seq <= ?2").setParameter(1, workspace)
                .setParameter(2, ((Number) last[0]).longValue()).executeUpdate();
        tenancy.sql("SELECT set_config('relaydesk.audit_purge', 'off', true)").getSingleResult();
        Optional<AuditChain.Ends> ends = ends(workspace);
        ends.ifPresent(e -> saveEnds(new AuditChain.Ends(workspace, e.headSeq(), e.headHash(), (String) last[1])));
        return removed;
    }

    private static void requireAdmin(AuthenticatedUser admin) {
        if (!admin.may(Role.ADMIN)) {
            throw new PermissionDeniedException("Only admins can read the audit log");
        }
    }

    private static Instant instant(Object value) {
        return value instanceof Timestamp t ? t.toInstant() : value instanceof java.time.OffsetDateTime o ? o.toInstant() : Instant.parse(value.toString());
    }
}
