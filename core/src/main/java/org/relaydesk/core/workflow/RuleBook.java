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
 * event concerns costs no query and no JSON per rule. One cheap query per event (the number of rules
 * and their latest change) tells whether this node's copy is still current, so a rule changed on
 * another node takes effect at the next event here too.
 */
@ApplicationScoped
public class RuleBook {
    /** An enabled rule as the engine needs it to decide. */
    public record Entry(UUID id, String name, Trigger trigger, Conditions conditions) {
    }

    private record Edition(String stamp, List<Entry> rules) {
    }

    private final ConcurrentHashMap<UUID, Edition> editions = new ConcurrentHashMap<>();

    @Inject
    Tenancy tenancy;

    /** The current workspace's enabled rules for any of the triggers, in their order; in the caller's transaction. */
    public List<Entry> rulesFor(Set<Trigger> triggers) {
        UUID workspace = tenancy.workspaceId();
        String stamp = stamp(workspace);
        Edition edition = editions.get(workspace);
        if (edition == null || !edition.stamp().equals(stamp)) {
            edition = new Edition(stamp, load());
            editions.put(workspace, edition);
        }
        return edition.rules().stream().filter(r -> triggers.contains(r.trigger())).toList();
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
