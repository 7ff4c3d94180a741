package org.relaydesk.core.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.relaydesk.core.user.Availability;

class RouterTest {
    private static Router.Candidate agent(String name, Availability availability, int open, Integer capacity, Map<String, Integer> skills,
            String lastAssigned) {
        return new Router.Candidate(UUID.nameUUIDFromBytes(name.getBytes()), name, availability, open, capacity, skills,
                lastAssigned == null ? null : Instant.parse(lastAssigned));
    }

    private final Router.Candidate alice = agent("Alice", Availability.ONLINE, 5, null, Map.of("billing", 3, "german", 5), "2026-12-01T09:00:00Z");
    private final Router.Candidate bob = agent("Bob", Availability.ONLINE, 2, null, Map.of("billing", 5), "2026-12-01T10:00:00Z");
    private final Router.Candidate carol = agent("Carol", Availability.AWAY, 0, null, Map.of("billing", 5, "german", 5), null);
    private final Router.Candidate dan = agent("Dan", Availability.ONLINE, 8, 8, Map.of("german", 2), null);

    @Test
    void roundRobinPicksWhoWaitedLongestAmongThoseOnlineWithRoom() {
        Router.Decision decision = Router.choose(AssignmentStrategy.ROUND_ROBIN, "First line", List.of(alice, bob, carol, dan), Set.of());
        assertThat(decision.agent()).contains(alice);
        assertThat(decision.reason()).contains("round robin", "First line");
        // Carol is away, Dan is at his limit of 8: neither is chosen even though they waited longest
    }

    @Test
    void leastBusyPicksTheFewestOpenTickets() {
        assertThat(Router.choose(AssignmentStrategy.LEAST_BUSY, "T", List.of(alice, bob, carol, dan), Set.of()).agent()).contains(bob);
    }

    @Test
    void skillsPickTheHighestLevelsThenTheLeastBusy() {
        assertThat(Router.choose(AssignmentStrategy.SKILLS, "T", List.of(alice, bob, dan), Set.of("billing")).agent()).contains(bob);
        Router.Decision german = Router.choose(AssignmentStrategy.SKILLS, "T", List.of(alice, bob, dan), Set.of("billing", "german"));
        assertThat(german.agent()).as("only Alice has both").contains(alice);
        assertThat(german.reason()).contains("billing 3", "german 5");
        Router.Decision nobody = Router.choose(AssignmentStrategy.SKILLS, "T", List.of(bob), Set.of("german"));
        assertThat(nobody.agent()).as("fallback: least busy").contains(bob);
        assertThat(nobody.reason()).contains("nobody available", "has all of german");
    }

    @Test
    void nobodyIsChosenWhenNobodyQualifiesAndTheReasonSaysWhy() {
        assertThat(Router.choose(AssignmentStrategy.LEAST_BUSY, "Night", List.of(carol), Set.of()).reason()).contains("nobody in team Night is online");
        Router.Decision full = Router.choose(AssignmentStrategy.LEAST_BUSY, "T", List.of(dan), Set.of());
        assertThat(full.agent()).isEmpty();
        assertThat(full.reason()).contains("ticket limit");
        assertThat(Router.choose(AssignmentStrategy.ROUND_ROBIN, "Empty", List.of(), Set.of()).reason()).contains("no members");
        assertThat(Router.choose(AssignmentStrategy.MANUAL, "T", List.of(alice), Set.of()).agent()).isEmpty();
    }

    @Test
    void roundRobinTakesTurns() {
        Router.Candidate first = agent("A", Availability.ONLINE, 0, null, Map.of(), null);
        Router.Candidate second = agent("B", Availability.ONLINE, 0, null, Map.of(), null);
        assertThat(Router.choose(AssignmentStrategy.ROUND_ROBIN, "T", List.of(second, first), Set.of()).agent()).as("never assigned: by name").contains(first);
        Router.Candidate firstAfter = new Router.Candidate(first.userId(), "A", Availability.ONLINE, 1, null, Map.of(), Instant.parse("2026-12-01T10:00:00Z"));
        assertThat(Router.choose(AssignmentStrategy.ROUND_ROBIN, "T", List.of(firstAfter, second), Set.of()).agent()).contains(second);
    }
}
