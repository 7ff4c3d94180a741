package org.relaydesk.core.chat;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Which agents are at the chat desk: their chat inbox is open and reports in (on opening and every
 * 20 seconds); one that has not reported for 45 seconds has left (a closed laptop says nothing). A
 * visitor is offered a live chat only while someone is here, and a ticket form otherwise. Kept in
 * this node's memory, like the panels' presence; in a cluster every report is also told to the other
 * nodes ({@link ChatDeskReport}), which keep the same list, so a visitor on any node sees the agents of all.
 */
@ApplicationScoped
public class ChatDesk {
    static final Duration GONE_AFTER = Duration.ofSeconds(45);

    private final Map<UUID, Map<UUID, Instant>> byWorkspace = new ConcurrentHashMap<>();
    Clock clock = Clock.systemUTC();

    @Inject
    Event<ChatDeskReport> reports;

    /** The agent's chat inbox is open. */
    public void here(UUID workspaceId, UUID agentId) {
        apply(new ChatDeskReport(workspaceId, agentId, true));
        tell(new ChatDeskReport(workspaceId, agentId, true));
    }

    /** The agent closed the inbox or went away. */
    public void left(UUID workspaceId, UUID agentId) {
        apply(new ChatDeskReport(workspaceId, agentId, false));
        tell(new ChatDeskReport(workspaceId, agentId, false));
    }

    /** Another node of the cluster heard the agent report in or leave: kept here too, and not told on. */
    public void heardElsewhere(ChatDeskReport report) {
        apply(report);
    }

    private void apply(ChatDeskReport report) {
        if (report.here()) {
            byWorkspace.computeIfAbsent(report.workspaceId(), w -> new ConcurrentHashMap<>()).put(report.agentId(), clock.instant());
        } else {
            Map<UUID, Instant> agents = byWorkspace.get(report.workspaceId());
            if (agents != null) {
                agents.remove(report.agentId());
            }
        }
    }

    private void tell(ChatDeskReport report) {
        if (reports != null) { // null only in unit tests that make the desk by hand
            reports.fire(report);
        }
    }

    /** The agents at the desk now. */
    public Set<UUID> present(UUID workspaceId) {
        Map<UUID, Instant> agents = byWorkspace.get(workspaceId);
        if (agents == null) {
            return Set.of();
        }
        Instant cutoff = clock.instant().minus(GONE_AFTER);
        agents.values().removeIf(seen -> seen.isBefore(cutoff));
        return agents.keySet().stream().collect(Collectors.toUnmodifiableSet());
    }
}
