package org.relaydesk.web.panel;

import jakarta.enterprise.context.ApplicationScoped;
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
 * Kept in this node's memory: with clustering it moves to a Hazelcast map.
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

    /** The agent is on the ticket's page (replying or not); everyone on it learns who is there. */
    public void report(AuthenticatedUser user, UUID ticketId, boolean replying) {
        Map<UUID, Viewer> viewers = byTicket.computeIfAbsent(ticketId, id -> new ConcurrentHashMap<>());
        Viewer before = viewers.put(user.id(), new Viewer(user.id(), user.name(), replying, clock.instant()));
        boolean expired = forgetStale(ticketId, viewers);
        if (before == null || before.replying() != replying || expired) {
            publish(user.workspaceId(), ticketId);
        }
    }

    public void leave(AuthenticatedUser user, UUID ticketId) {
        Map<UUID, Viewer> viewers = byTicket.get(ticketId);
        if (viewers != null && viewers.remove(user.id()) != null) {
            publish(user.workspaceId(), ticketId);
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
