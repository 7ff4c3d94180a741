package org.relaydesk.core.retention;

import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.relaydesk.api.ticket.TicketStatus;
import org.relaydesk.core.error.InvalidInputException;

/**
 * One rule of a workspace's retention: tickets in one of {@code statuses} (and of one of
 * {@code channels}, and in {@code categoryId}, where given) whose last change is {@code afterDays} days
 * ago or more are closed, deleted, or lose their files. Tickets under legal hold are never touched.
 */
public record RetentionPolicy(UUID id, String name, Action action, int afterDays, Set<TicketStatus> statuses, Set<String> channels,
        UUID categoryId, boolean enabled, Instant lastRunAt, Integer lastRunCount) {

    public enum Action {
        /** Resolved tickets become closed: the customer can no longer reopen them by replying. */
        CLOSE,
        /** Tickets and everything on them (messages, files, ratings, their timeline) are deleted; they leave the reports. */
        DELETE,
        /** The tickets stay; the files sent with them are deleted. */
        DELETE_ATTACHMENTS;

        public String apiName() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Action parse(String value) {
            return Arrays.stream(values()).filter(a -> a.apiName().equals(value == null ? "" : value.trim().toLowerCase(Locale.ROOT))).findFirst()
                    .orElseThrow(() -> new InvalidInputException("action", "must be close, delete or delete_attachments"));
        }
    }

    public static final int MAX_DAYS = 3650;

    /** What an admin asks for, checked as a whole. */
    public record Draft(String name, Action action, Integer afterDays, Set<TicketStatus> statuses, Set<String> channels, UUID categoryId,
            Boolean enabled) {
        public Draft {
            InvalidInputException.Collector errors = new InvalidInputException.Collector();
            errors.check(name != null && !name.isBlank() && name.strip().length() <= 100, "name", "is required (at most 100 characters)")
                    .check(action != null, "action", "must be close, delete or delete_attachments")
                    .check(afterDays != null && afterDays >= 1 && afterDays <= MAX_DAYS, "after_days", "must be 1 to " + MAX_DAYS)
                    .check(statuses != null && !statuses.isEmpty(), "statuses", "must name at least one status")
                    .check(action != Action.CLOSE || statuses == null || statuses.equals(EnumSet.of(TicketStatus.RESOLVED)), "statuses",
                            "must be [\"resolved\"] to close: only resolved tickets can be closed")
                    .check(channels == null || channels.stream().allMatch(c -> c != null && c.matches("[a-z][a-z0-9_-]{0,31}")), "channels",
                            "must be channel names such as email, whatsapp, portal, api");
            errors.throwIfAny();
            name = name.strip();
            statuses = Set.copyOf(statuses);
            channels = channels == null ? Set.of() : Set.copyOf(channels);
            enabled = enabled == null || enabled;
        }
    }

    public static Set<TicketStatus> statusesNamed(Set<String> names) {
        Set<TicketStatus> statuses = EnumSet.noneOf(TicketStatus.class);
        for (String name : names) {
            statuses.add(Optional.ofNullable(name).flatMap(n -> Arrays.stream(TicketStatus.values())
                    .filter(s -> s.name().equalsIgnoreCase(n.trim())).findFirst())
                    .orElseThrow(() -> new InvalidInputException("statuses", "must list statuses such as resolved, closed, cancelled")));
        }
        return statuses;
    }
}
