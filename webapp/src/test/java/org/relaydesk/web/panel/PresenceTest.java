package org.relaydesk.web.panel;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.faces.push.PushContext;
import java.io.Serializable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.relaydesk.core.ticket.TicketAudience;
import org.relaydesk.core.user.AuthenticatedUser;
import org.relaydesk.core.user.Role;

class PresenceTest {
    private final UUID workspace = UUID.randomUUID();
    private final UUID ticket = UUID.randomUUID();
    private final AuthenticatedUser alice = new AuthenticatedUser(UUID.randomUUID(), workspace, "alice@x.test", "Alice", Role.AGENT, false);
    private final AuthenticatedUser bob = new AuthenticatedUser(UUID.randomUUID(), workspace, "bob@x.test", "Bob", Role.AGENT, false);
    private final List<Object> pushed = new ArrayList<>();
    private final List<Object> recipients = new ArrayList<>();
    private Instant now = Instant.parse("2026-11-22T10:00:00Z");

    private Presence presence() {
        Presence presence = new Presence();
        presence.channel = new PushContext() {
            @Override
            public Set<Future<Void>> send(Object message) {
                throw new AssertionError("presence goes only to those who may see the ticket");
            }

            @Override
            public <S extends Serializable> Set<Future<Void>> send(Object message, S user) {
                throw new AssertionError("presence goes to the ticket's audience at once");
            }

            @Override
            public <S extends Serializable> Map<S, Set<Future<Void>>> send(Object message, Collection<S> users) {
                pushed.add(message);
                recipients.add(List.copyOf(users));
                return Map.of();
            }
        };
        // who may see the ticket is the database's answer (TicketAudience); here: Alice and Bob
        presence.audience = new TicketAudience() {
            @Override
            public List<String> of(UUID workspaceId, UUID ticketId) {
                return workspaceId.equals(workspace) && ticketId.equals(ticket) ? List.of(alice.id().toString(), bob.id().toString()) : List.of();
            }
        };
        presence.useClock(new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now;
            }
        });
        return presence;
    }

    @Test
    void viewersAreAnnouncedToTheirWorkspaceWhenTheyComeStartReplyingAndLeave() {
        Presence presence = presence();
        presence.report(alice, ticket, false);
        presence.report(bob, ticket, false);
        assertThat(presence.viewers(ticket)).extracting(Presence.Viewer::name).containsExactly("Alice", "Bob");
        assertThat(pushed).hasSize(2);
        assertThat(recipients).containsOnly(List.of(alice.id().toString(), bob.id().toString()));

        presence.report(bob, ticket, false);
        assertThat(pushed).as("a heartbeat without news is not pushed").hasSize(2);
        presence.report(bob, ticket, true);
        assertThat(pushed).hasSize(3);
        assertThat(pushed.get(2).toString()).contains("Bob", "replying=true");

        presence.leave(alice, ticket);
        assertThat(presence.viewers(ticket)).extracting(Presence.Viewer::name).containsExactly("Bob");
    }

    @Test
    void whoStopsReportingHasLeft() {
        Presence presence = presence();
        presence.report(alice, ticket, true);
        now = now.plus(Duration.ofSeconds(30));
        presence.report(bob, ticket, false);
        now = now.plus(Presence.GONE_AFTER.minusSeconds(20));
        assertThat(presence.viewers(ticket)).extracting(Presence.Viewer::name).containsExactly("Bob");
        presence.report(bob, ticket, false);
        assertThat(pushed.get(pushed.size() - 1).toString()).as("the heartbeat that notices tells everyone").doesNotContain("Alice");
    }
}
