package org.relaydesk.web.panel;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.faces.push.Push;
import jakarta.faces.push.PushContext;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.relaydesk.core.ticket.TicketAudience;
import org.relaydesk.core.user.AuthenticatedUser;

/**
 * Who has a ticket open, and who is writing a reply to it (collision detection). Ticket pages
 * report in when they open, while the agent types, and every 20 seconds, and say when they are left;
 * whoever has not reported for 45 seconds has left too (a closed laptop says nothing). Each change goes to the workspace's pages over the "tickets" channel.
 * Kept in this node's memory; in a cluster each report is also told to the other nodes
 * ({@link PresenceReport}), which keep the same list and tell their own pages, so agents on different
 * nodes see each other. A node that joins learns everyone within one 20-second round of reports.
 */
@ApplicationScoped
public class Presence {
    static final Duration GONE_AFTER = Duration.ofSeconds(45);
    private static final Logger LOG = Logger.getLogger(Presence.class.getName());

    /** One agent on one ticket page. */
    public record Viewer(UUID userId, String name, boolean replying, Instant lastSeen) {
    }

    private final Map<UUID, Map<UUID, Viewer>> byTicket = new ConcurrentHashMap<>();
    private Clock clock = Clock.systemUTC();

    @Inject
    @Push(channel = "tickets")
    PushContext channel;

    @Inject
    TicketAudience audience;

    @Inject
    Event<PresenceReport> reports;

    /** The agent is on the ticket's page (replying or not); everyone on it learns who is there. */
    public void report(AuthenticatedUser user, UUID ticketId, boolean replying) {
        PresenceReport report = new PresenceReport(user.workspaceId(), ticketId, user.id(), user.name(), replying, false);
        apply(report);
        tell(report);
    }

    public void leave(AuthenticatedUser user, UUID ticketId) {
        PresenceReport report = new PresenceReport(user.workspaceId(), ticketId, user.id(), user.name(), false, true);
        if (apply(report)) { // a leave that changed nothing is not news for the other nodes either
            tell(report);
        }
    }

    /** Another node of the cluster heard an agent report in or leave: kept here and shown to this node's pages, not told on. */
    public void heardElsewhere(PresenceReport report) {
        apply(report);
    }

    /** Applies the report; true when someone left who was there. */
    private boolean apply(PresenceReport report) {
        if (report.left()) {
            Map<UUID, Viewer> viewers = byTicket.get(report.ticketId());
            if (viewers != null && viewers.remove(report.userId()) != null) {
                publish(report.workspaceId(), report.ticketId());
                return true;
            }
            return false;
        }
        Map<UUID, Viewer> viewers = byTicket.computeIfAbsent(report.ticketId(), id -> new ConcurrentHashMap<>());
        Viewer before = viewers.put(report.userId(), new Viewer(report.userId(), report.name(), report.replying(), clock.instant()));
        boolean expired = forgetStale(report.ticketId(), viewers);
        if (before == null || before.replying() != report.replying() || expired) {
            publish(report.workspaceId(), report.ticketId());
        }
        return false;
    }

    private void tell(PresenceReport report) {
        if (reports != null) { // null only in unit tests that make the presence by hand
            reports.fire(report);
        }
    }

    /** Everyone currently on the ticket's page, by name. */
    public List<Viewer> viewers(UUID ticketId) {
        Map<UUID, Viewer> viewers = byTicket.getOrDefault(ticketId, Map.of());
        Instant cutoff = clock.instant().minus(GONE_AFTER);
        return viewers.values().stream().filter(v -> v.lastSeen().isAfter(cutoff)).sorted(Comparator.comparing(Viewer::name)).toList();
    }

    private boolean forgetStale(UUID ticketId, Map<UUID, Viewer> viewers) {
        Instant cutoff = clock.instant().minus(GONE_AFTER);
        boolean removed = viewers.values().removeIf(v -> !v.lastSeen().isAfter(cutoff));
        if (viewers.isEmpty()) {
            byTicket.remove(ticketId, viewers);
        }
        return removed;
    }

    private void publish(UUID workspaceId, UUID ticketId) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("type", "presence");
        message.put("ticket", ticketId.toString());
        message.put("viewers", viewers(ticketId).stream().map(v -> Map.of("id", v.userId().toString(), "name", v.name(),
                "replying", v.replying())).toList());
        try {
            channel.send(message, audience.of(workspaceId, ticketId));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Could not push presence", e);
        }
    }

    void useClock(Clock testClock) {
        this.clock = testClock;
    }
}
