package org.relaydesk.core.retention;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Collectors;
import org.relaydesk.api.ticket.TicketStatus;
import org.relaydesk.core.audit.AuditAction;
import org.relaydesk.core.audit.Audited;
import org.relaydesk.core.error.NotFoundException;
import org.relaydesk.core.error.PermissionDeniedException;
import org.relaydesk.core.persistence.NativeRows;
import org.relaydesk.core.persistence.Tenancy;
import org.relaydesk.core.ticket.Actor;
import org.relaydesk.core.ticket.TicketService;
import org.relaydesk.core.user.AuthenticatedUser;
import org.relaydesk.core.user.Role;

/**
 * A workspace's retention policies: kept, previewed and applied. A preview lists the tickets a run
 * would change now; a run changes those, a batch per transaction, and records what it did (on the
 * policy, in the audit log). The hourly job ({@link RetentionJob}) runs every enabled policy.
 */
@ApplicationScoped
public class RetentionPolicies {
    /** Tickets changed per transaction. */
    static final int BATCH = 200;
    /** Ticket numbers listed in a preview or a report (the counts are always whole). */
    public static final int LISTED = 1000;

    /** The tickets a policy matches now: how many, and their numbers (the first {@link #LISTED}). */
    public record Matches(int count, List<Long> numbers, Instant changedBefore) {
    }

    @Inject
    Tenancy tenancy;

    @Inject
    Event<Audited> audit;

    @Inject
    TicketService tickets;

    Clock clock = Clock.systemUTC();

    @Transactional
    public List<RetentionPolicy> list(AuthenticatedUser admin) {
        requireAdmin(admin);
        return listIn(admin.workspaceId());
    }

    @Transactional
    public RetentionPolicy create(AuthenticatedUser admin, RetentionPolicy.Draft draft) {
        requireAdmin(admin);
        requireCategory(draft);
        UUID id = UUID.randomUUID();
        Instant now = clock.instant();
        tenancy.sql("INSERT INTO retention_policies (id, workspace_id, name, action, after_days, statuses, channels, category_id, enabled, "
                + "created_at, updated_at) VALUES (CAST(?1 AS uuid), CAST(?2 AS uuid), ?3, ?4, ?5, CAST(?6 AS text[]), CAST(?7 AS text[]), "
                + "CAST(?8 AS uuid), ?9, ?10, ?10)").setParameter(1, id.toString()).setParameter(2, admin.workspaceId().toString())
                .setParameter(3, draft.name()).setParameter(4, draft.action().apiName()).setParameter(5, draft.afterDays())
                .setParameter(6, array(draft.statuses().stream().map(TicketStatus::name).toList())).setParameter(7, array(List.copyOf(draft.channels())))
                .setParameter(8, draft.categoryId() == null ? null : draft.categoryId().toString()).setParameter(9, draft.enabled())
                .setParameter(10, java.sql.Timestamp.from(now)).executeUpdate();
        RetentionPolicy made = get(admin, id);
        audit.fire(Audited.of(admin.workspaceId(), AuditAction.RETENTION_POLICY_CHANGED, "retention_policy", id, made.name())
                .changed(null, describe(made)));
        return made;
    }

    @Transactional
    public RetentionPolicy update(AuthenticatedUser admin, UUID id, RetentionPolicy.Draft draft) {
        RetentionPolicy before = get(admin, id);
        requireCategory(draft);
        tenancy.sql("UPDATE retention_policies SET name = ?3, action = ?4, after_days = ?5, statuses = CAST(?6 AS text[]), channels = CAST(?7 AS text[]), "
                + "category_id = CAST(?8 AS uuid), enabled = ?9, updated_at = ?10 WHERE id = CAST(?1 AS uuid) AND workspace_id = CAST(?2 AS uuid)")
                .setParameter(1, id.toString()).setParameter(2, admin.workspaceId().toString()).setParameter(3, draft.name())
                .setParameter(4, draft.action().apiName()).setParameter(5, draft.afterDays())
                .setParameter(6, array(draft.statuses().stream().map(TicketStatus::name).toList())).setParameter(7, array(List.copyOf(draft.channels())))
                .setParameter(8, draft.categoryId() == null ? null : draft.categoryId().toString()).setParameter(9, draft.enabled())
                .setParameter(10, java.sql.Timestamp.from(clock.instant())).executeUpdate();
        RetentionPolicy after = get(admin, id);
        if (!describe(before).equals(describe(after))) {
            audit.fire(Audited.of(admin.workspaceId(), AuditAction.RETENTION_POLICY_CHANGED, "retention_policy", id, after.name())
                    .changed(describe(before), describe(after)));
        }
        return after;
    }

    @Transactional
    public void delete(AuthenticatedUser admin, UUID id) {
        RetentionPolicy policy = get(admin, id);
        tenancy.sql("DELETE FROM retention_policies WHERE id = CAST(?1 AS uuid) AND workspace_id = CAST(?2 AS uuid)").setParameter(1, id.toString())
                .setParameter(2, admin.workspaceId().toString()).executeUpdate();
        audit.fire(Audited.of(admin.workspaceId(), AuditAction.RETENTION_POLICY_CHANGED, "retention_policy", id, policy.name())
                .changed(describe(policy), "deleted"));
    }

    @Transactional
    public RetentionPolicy get(AuthenticatedUser admin, UUID id) {
        requireAdmin(admin);
        return listIn(admin.workspaceId()).stream().filter(p -> p.id().equals(id)).findFirst()
                .orElseThrow(() -> new NotFoundException("Retention policy"));
    }

    /** The dry run: the tickets a run would change now, changing nothing. */
    @Transactional
    public Matches preview(AuthenticatedUser admin, UUID id) {
        RetentionPolicy policy = get(admin, id);
        Instant cutoff = cutoff(policy);
        List<Long> numbers = new ArrayList<>();
        int count = 0;
        for (Object[] row : NativeRows.of(matching(admin.workspaceId(), policy, cutoff, Integer.MAX_VALUE))) {
            if (numbers.size() < LISTED) {
                numbers.add(((Number) row[1]).longValue());
            }
            count++;
        }
        return new Matches(count, numbers, cutoff);
    }

    /** Applies the policy now, for an admin; as the job does, whatever the policy's switch says. */
    public Matches runNow(AuthenticatedUser admin, UUID id) {
        RetentionPolicy policy = own.call(() -> get(admin, id));
        return apply(admin.workspaceId(), policy, Actor.of(admin));
    }

    @Inject
    org.relaydesk.core.job.OwnTransaction own;

    /**
     * Applies a policy: batches of matching tickets, each in a transaction of its own, until none is
     * left; then the policy's last run and an audit entry record what was done.
     */
    Matches apply(UUID workspaceId, RetentionPolicy policy, Actor by) {
        Instant cutoff = cutoff(policy);
        List<Long> done = new ArrayList<>();
        int count = 0;
        while (true) {
            List<Long> batch = own.call(() -> applyBatch(workspaceId, policy, cutoff, by));
            count += batch.size();
            batch.stream().limit(Math.max(0, LISTED - done.size())).forEach(done::add);
            if (batch.size() < BATCH) {
                break;
            }
        }
        int total = count;
        own.run(() -> {
            tenancy.actAs(workspaceId);
            tenancy.sql("UPDATE retention_policies SET last_run_at = ?2, last_run_count = ?3 WHERE id = CAST(?1 AS uuid)")
                    .setParameter(1, policy.id().toString()).setParameter(2, java.sql.Timestamp.from(clock.instant())).setParameter(3, total)
                    .executeUpdate();
            if (total > 0) {
                audit.fire(Audited.of(workspaceId, AuditAction.RETENTION_RUN, "retention_policy", policy.id(), policy.name())
                        .changed(null, total + " tickets: " + verb(policy.action()) + (done.size() < total ? "" : " (#" + done.stream().map(String::valueOf)
                                .collect(Collectors.joining(", #")) + ")")).by(by.id(), by.name()));
            }
        });
        return new Matches(total, done, cutoff);
    }

    private List<Long> applyBatch(UUID workspaceId, RetentionPolicy policy, Instant cutoff, Actor by) {
        tenancy.actAs(workspaceId);
        List<Object[]> rows = NativeRows.of(matching(workspaceId, policy, cutoff, BATCH));
        List<Long> numbers = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (Object[] row : rows) {
            ids.add(row[0].toString());
            numbers.add(((Number) row[1]).longValue());
        }
        if (ids.isEmpty()) {
            return numbers;
        }
        switch (policy.action()) {
            case CLOSE -> ids.forEach(id -> tickets.close(UUID.fromString(id), by));
            case DELETE_ATTACHMENTS -> tenancy.sql("DELETE FROM attachments WHERE workspace_id = CAST(?1 AS uuid) AND ticket_id = ANY (CAST(?2 AS uuid[]))")
                    .setParameter(1, workspaceId.toString()).setParameter(2, array(ids)).executeUpdate();
            case DELETE -> {
                // tickets merged into these are part of them: they go too
                tenancy.sql("DELETE FROM tickets WHERE workspace_id = CAST(?1 AS uuid) AND merged_into_id = ANY (CAST(?2 AS uuid[]))")
                        .setParameter(1, workspaceId.toString()).setParameter(2, array(ids)).executeUpdate();
                tenancy.sql("DELETE FROM tickets WHERE workspace_id = CAST(?1 AS uuid) AND id = ANY (CAST(?2 AS uuid[]))")
                        .setParameter(1, workspaceId.toString()).setParameter(2, array(ids)).executeUpdate();
                tenancy.em().clear();
            }
            default -> throw new IllegalStateException(policy.action().name());
        }
        return numbers;
    }

    /** The policy's tickets whose last change is before {@code cutoff}, never one under legal hold nor a merged one (it goes with its target). */
    private List<?> matching(UUID workspaceId, RetentionPolicy policy, Instant cutoff, int limit) {
        StringBuilder sql = new StringBuilder("SELECT CAST(t.id AS text), t.number FROM tickets t WHERE t.workspace_id = CAST(?1 AS uuid) "
                + "AND t.status = ANY (CAST(?2 AS text[])) AND t.legal_hold_at IS NULL AND t.merged_into_id IS NULL AND t.updated_at < ?3 "
                + "AND NOT EXISTS (SELECT 1 FROM tickets m WHERE m.merged_into_id = t.id AND m.legal_hold_at IS NOT NULL)");
        if (!policy.channels().isEmpty()) {
            sql.append(" AND t.source_channel = ANY (CAST(?4 AS text[]))");
        }
        if (policy.categoryId() != null) {
            sql.append(" AND t.category_id = CAST(?5 AS uuid)");
        }
        if (policy.action() == RetentionPolicy.Action.DELETE_ATTACHMENTS) {
            sql.append(" AND EXISTS (SELECT 1 FROM attachments a WHERE a.ticket_id = t.id)");
        }
        sql.append(" ORDER BY t.number LIMIT ").append(Math.max(1, limit));
        jakarta.persistence.Query query = tenancy.sql(sql.toString()).setParameter(1, workspaceId.toString())
                .setParameter(2, array(policy.statuses().stream().map(TicketStatus::name).toList())).setParameter(3, java.sql.Timestamp.from(cutoff));
        if (!policy.channels().isEmpty()) {
            query.setParameter(4, array(List.copyOf(policy.channels())));
        }
        if (policy.categoryId() != null) {
            query.setParameter(5, policy.categoryId().toString());
        }
        return query.getResultList();
    }

    private Instant cutoff(RetentionPolicy policy) {
        return clock.instant().minus(Duration.ofDays(policy.afterDays()));
    }

    /** The enabled policies of every workspace, for the job. */
    @Transactional
    List<UUID> workspacesWithPolicies() {
        return tenancy.sql("SELECT DISTINCT CAST(workspace_id AS text) FROM retention_policies WHERE enabled").getResultList()
                .stream().map(w -> UUID.fromString(w.toString())).toList();
    }

    @Transactional
    List<RetentionPolicy> listIn(UUID workspaceId) {
        tenancy.actAs(workspaceId);
        List<RetentionPolicy> policies = new ArrayList<>();
        for (Object[] row : NativeRows.of(tenancy.sql("SELECT CAST(id AS text), name, action, after_days, array_to_string(statuses, ','), "
                + "array_to_string(channels, ','), CAST(category_id AS text), enabled, last_run_at, last_run_count FROM retention_policies "
                + "WHERE workspace_id = CAST(?1 AS uuid) ORDER BY created_at, id").setParameter(1, workspaceId.toString()).getResultList())) {
            policies.add(new RetentionPolicy(UUID.fromString(row[0].toString()), row[1].toString(), RetentionPolicy.Action.parse(row[2].toString()),
                    ((Number) row[3]).intValue(), RetentionPolicy.statusesNamed(split(row[4])), split(row[5]),
                    row[6] == null ? null : UUID.fromString(row[6].toString()), Boolean.TRUE.equals(row[7]),
                    NativeRows.instant(row[8]), row[9] == null ? null : ((Number) row[9]).intValue()));
        }
        return policies;
    }

    private void requireCategory(RetentionPolicy.Draft draft) {
        if (draft.categoryId() != null && tenancy.sql("SELECT 1 FROM ticket_categories WHERE id = CAST(?1 AS uuid)")
                .setParameter(1, draft.categoryId().toString()).getResultList().isEmpty()) {
            throw new org.relaydesk.core.error.InvalidInputException("category_id", "is not a category of this workspace");
        }
    }

    private static void requireAdmin(AuthenticatedUser admin) {
        if (!admin.may(Role.ADMIN)) {
            throw new PermissionDeniedException("Only admins manage retention policies");
        }
    }

    private static java.util.Set<String> split(Object joined) {
        if (joined == null || joined.toString().isBlank()) {
            return java.util.Set.of();
        }
        return java.util.Set.of(joined.toString().split(","));
    }

    static String verb(RetentionPolicy.Action action) {
        return switch (action) {
            case CLOSE -> "closed";
            case DELETE -> "deleted";
            case DELETE_ATTACHMENTS -> "files deleted";
        };
    }

    static String describe(RetentionPolicy policy) {
        return policy.action().apiName() + " " + policy.statuses().stream().map(s -> s.name().toLowerCase(Locale.ROOT)).sorted().toList()
                + (policy.channels().isEmpty() ? "" : " from " + policy.channels().stream().sorted().toList())
                + (policy.categoryId() == null ? "" : " in category " + policy.categoryId()) + " after " + policy.afterDays() + " days"
                + (policy.enabled() ? "" : " (off)");
    }

    /** A text[] (or uuid[]) literal; values are ids and names checked before they get here, quoted all the same. */
    private static String array(List<String> values) {
        return values.stream().map(v -> "\"" + v.replace("\\", "\\\\").replace("\"", "\\\"") + "\"").collect(Collectors.joining(",", "{", "}"));
    }
}
