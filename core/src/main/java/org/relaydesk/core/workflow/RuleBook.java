package org.relaydesk.core.workflow;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.relaydesk.core.persistence.Tenancy;

/**
 * Each workspace's enabled rules, parsed once and kept in memory, so that deciding which rules an
 * event concerns costs no query and no JSON per rule. A change on this node replaces the copy at
 * once ({@link #forget}); a cheap query (the number of rules and their latest change), asked at most
 * once a second per workspace, tells whether a rule changed on another node, so such a change takes
 * effect here within a second.
 */
@ApplicationScoped
public class RuleBook {
    /** An enabled rule as the engine needs it to decide. */
    public record Entry(UUID id, String name, Trigger trigger, Conditions conditions) {
    }

    private record Edition(String stamp, List<Entry> rules, long checkedAtNanos) {
        boolean checkedRecently(long now) {
            return now - checkedAtNanos < RECHECK_NANOS;
        }
    }

    private static final long RECHECK_NANOS = 1_000_000_000L;

    private final ConcurrentHashMap<UUID, Edition> editions = new ConcurrentHashMap<>();

    @Inject
    Tenancy tenancy;

    /** The current workspace's enabled rules for any of the triggers, in their order; in the caller's transaction. */
    public List<Entry> rulesFor(Set<Trigger> triggers) {
        UUID workspace = tenancy.workspaceId();
        long now = System.nanoTime();
        Edition edition = editions.get(workspace);
        if (edition == null || !edition.checkedRecently(now)) {
            String stamp = stamp(workspace);
            edition = edition != null && edition.stamp().equals(stamp) ? new Edition(stamp, edition.rules(), now) : new Edition(stamp, load(), now);
            editions.put(workspace, edition);
        }
        return edition.rules().stream().filter(r -> triggers.contains(r.trigger())).toList();
    }

    /** A rule of the workspace changed on this node: the next event reads them afresh. */
    public void forget(UUID workspace) {
        editions.remove(workspace);
    }

    private String stamp(UUID workspace) {
        // every change of a rule sets updated_at; a removal changes the count
        Object stamp = tenancy.sql("SELECT count(*) || '/' || coalesce(CAST(max(updated_at) AS text), '') FROM workflow_rules "
                + "WHERE workspace_id = CAST(?1 AS uuid)").setParameter(1, workspace.toString()).getSingleResult();
        return String.valueOf(stamp);
    }

    private List<Entry> load() {
        return tenancy.em().createQuery("SELECT r FROM WorkflowRule r WHERE r.enabled = TRUE ORDER BY r.position, r.createdAt", WorkflowRule.class)
                .getResultStream().map(r -> new Entry(r.id(), r.name(), r.trigger(), RuleDefinition.of(r).conditions())).toList();
    }
}
