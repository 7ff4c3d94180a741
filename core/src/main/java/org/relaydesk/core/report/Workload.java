package org.relaydesk.core.report;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.relaydesk.core.persistence.Tenancy;
import org.relaydesk.core.user.User;

/**
 * Who carries how much: unresolved tickets per agent, for the supervisor's and admin's dashboards
 * and for reassigning. One grouped query over the partial index of unresolved tickets.
 */
@ApplicationScoped
public class Workload {
    @Inject
    Tenancy tenancy;

    /** An agent's unresolved tickets, and how many of them are urgent or critical. */
    public record AgentLoad(User agent, long open, long urgent) {
        public User getAgent() {
            return agent;
        }

        public long getOpen() {
            return open;
        }

        public long getUrgent() {
            return urgent;
        }
    }

    /** Every active member of staff with their load, the busiest first. */
    @Transactional
    public List<AgentLoad> perAgent() {
        return perAgent(Set.of(), Set.of());
    }

    /**
     * The load within some teams: their members, counting the unresolved tickets of those teams
     * only. Empty sets mean the whole workspace.
     */
    @Transactional
    public List<AgentLoad> perAgent(Set<UUID> teamIds, Set<UUID> memberIds) {
        Map<UUID, long[]> counts = new HashMap<>();
        String inTeams = teamIds.isEmpty() ? "" : " AND CAST(t.team_id AS text) = ANY (CAST(?2 AS text[]))";
        var query = tenancy.sql("SELECT CAST(t.assignee_id AS text), count(*), count(*) FILTER (WHERE t.priority IN ('URGENT', 'CRITICAL')) "
                        + "FROM tickets t WHERE t.workspace_id = CAST(?1 AS uuid) "
                        // the open statuses, merged tickets left out (they are closed anyway): the reports' open-ticket index
                        // answers it alone, where reading 100,000 open tickets' rows took seconds (docs/performance.md)
                        + "AND t.status IN ('NEW', 'OPEN', 'IN_PROGRESS', 'WAITING_ON_CUSTOMER', 'WAITING_ON_THIRD_PARTY') AND t.merged_into_id IS NULL "
                        + "AND t.assignee_id IS NOT NULL" + inTeams + " GROUP BY t.assignee_id")
                .setParameter(1, tenancy.workspaceId().toString());
        if (!teamIds.isEmpty()) {
            query.setParameter(2, "{" + teamIds.stream().map(UUID::toString).collect(java.util.stream.Collectors.joining(",")) + "}");
        }
        List<?> rows = query.getResultList();
        for (Object row : rows) {
            Object[] columns = (Object[]) row;
            counts.put(UUID.fromString(columns[0].toString()),
                    new long[] {((Number) columns[1]).longValue(), ((Number) columns[2]).longValue()});
        }
        List<AgentLoad> loads = new ArrayList<>();
        for (User user : tenancy.em().createQuery("SELECT u FROM User u WHERE u.active = TRUE ORDER BY u.name", User.class).getResultList()) {
            if (!teamIds.isEmpty() && !memberIds.contains(user.id())) {
                continue;
            }
            long[] count = counts.getOrDefault(user.id(), new long[2]);
            loads.add(new AgentLoad(user, count[0], count[1]));
        }
        loads.sort((a, b) -> Long.compare(b.open(), a.open()));
        return loads;
    }
}
