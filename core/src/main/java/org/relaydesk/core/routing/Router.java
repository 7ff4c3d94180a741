package org.relaydesk.core.routing;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.relaydesk.core.user.Availability;

/**
 * Chooses the agent for a ticket among a team's members, and says why. Only members who are online
 * and below their capacity (a limit of unresolved tickets, if they have one) are considered; when
 * nobody qualifies, nobody is chosen and the reason says what stood in the way. Pure logic: the
 * caller gathers the candidates.
 */
public final class Router {
    private Router() {
    }

    /** A team member as routing sees them. {@code lastAssignedAt} is their last automatic assignment. */
    public record Candidate(UUID userId, String name, Availability availability, int openTickets, Integer capacity,
            Map<String, Integer> skills, Instant lastAssignedAt) {
        boolean available() {
            return availability == Availability.ONLINE;
        }

        boolean hasRoom() {
            return capacity == null || openTickets < capacity;
        }
    }

    /** The choice (empty when nobody qualifies) and the reason, for the ticket's timeline. */
    public record Decision(Optional<Candidate> agent, String reason) {
    }

    private static final Comparator<Candidate> LONGEST_WAITING = Comparator
            .comparing(Candidate::lastAssignedAt, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(Candidate::name);
    private static final Comparator<Candidate> LEAST_BUSY = Comparator.comparingInt(Candidate::openTickets).thenComparing(LONGEST_WAITING);

    public static Decision choose(AssignmentStrategy strategy, String teamName, List<Candidate> members, Set<String> requiredSkills) {
        if (strategy == AssignmentStrategy.MANUAL) {
            return new Decision(Optional.empty(), "team " + teamName + " assigns by hand");
        }
        if (members.isEmpty()) {
            return new Decision(Optional.empty(), "team " + teamName + " has no members");
        }
        List<Candidate> online = members.stream().filter(Candidate::available).toList();
        if (online.isEmpty()) {
            return new Decision(Optional.empty(), "nobody in team " + teamName + " is online");
        }
        List<Candidate> eligible = online.stream().filter(Candidate::hasRoom).toList();
        if (eligible.isEmpty()) {
            return new Decision(Optional.empty(), "everyone online in team " + teamName + " is at their ticket limit");
        }
        return switch (strategy) {
            case ROUND_ROBIN -> pick(eligible, LONGEST_WAITING, "round robin in team " + teamName + ": longest without a new ticket");
            case LEAST_BUSY -> pick(eligible, LEAST_BUSY, "least busy in team " + teamName + ": fewest open tickets");
            case SKILLS -> bySkills(teamName, eligible, requiredSkills);
            case MANUAL -> throw new IllegalStateException("handled above");
        };
    }

    private static Decision pick(List<Candidate> eligible, Comparator<Candidate> order, String reason) {
        Candidate chosen = eligible.stream().min(order).orElseThrow();
        return new Decision(Optional.of(chosen), reason + " (" + chosen.openTickets() + ")");
    }

    private static Decision bySkills(String teamName, List<Candidate> eligible, Set<String> required) {
        if (required == null || required.isEmpty()) {
            return pick(eligible, LEAST_BUSY, "no skills needed; least busy in team " + teamName);
        }
        List<Candidate> skilled = eligible.stream().filter(c -> c.skills().keySet().containsAll(required)).toList();
        String needs = required.stream().sorted().collect(Collectors.joining(", "));
        if (skilled.isEmpty()) {
            return pick(eligible, LEAST_BUSY, "nobody available in team " + teamName + " has all of " + needs + "; least busy instead");
        }
        Comparator<Candidate> bestFit = Comparator.<Candidate>comparingInt(c -> -required.stream().mapToInt(s -> c.skills().get(s)).sum())
                .thenComparing(LEAST_BUSY);
        Candidate chosen = skilled.stream().min(bestFit).orElseThrow();
        return new Decision(Optional.of(chosen), "skills " + needs + " in team " + teamName + ": highest levels ("
                + required.stream().sorted().map(s -> s + " " + chosen.skills().get(s)).collect(Collectors.joining(", ")) + "), "
                + chosen.openTickets() + " open");
    }
}
