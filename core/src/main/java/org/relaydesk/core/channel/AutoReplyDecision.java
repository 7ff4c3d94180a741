package org.relaydesk.core.channel;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.relaydesk.core.sla.BusinessCalendar;

/**
 * Which automatic reply, if any, a customer's message earns. Outside business hours the away message
 * (it also tells the customer their message arrived, so a new ticket gets it instead of the
 * acknowledgement, not both); otherwise the acknowledgement when the message opened a ticket. Each
 * kind goes to a ticket at most once per interval, so a customer who writes ten lines gets one.
 */
final class AutoReplyDecision {
    enum Kind {
        ACKNOWLEDGEMENT("acknowledgement"), AWAY("away");

        final String stored;

        Kind(String stored) {
            this.stored = stored;
        }

        static Kind ofStored(String value) {
            return value.equals(AWAY.stored) ? AWAY : ACKNOWLEDGEMENT;
        }
    }

    /** What the message was: through a messaging channel or not, whether it opened the ticket, when it arrived. */
    record Arrival(boolean messaging, boolean openedTicket, Instant at) {
    }

    private final Clock clock;

    AutoReplyDecision(Clock clock) {
        this.clock = clock;
    }

    /**
     * {@code calendar}: the settings' business calendar (null: none, or deleted); {@code lastSent}:
     * when each kind last went to this ticket.
     */
    Optional<Kind> decide(AutoReplySettings settings, Arrival arrival, BusinessCalendar calendar, Map<Kind, Instant> lastSent) {
        if (!arrival.messaging() && !settings.onEmail()) {
            return Optional.empty();
        }
        Duration interval = Duration.ofHours(settings.intervalHours());
        if (settings.answersAfterHours() && calendar != null && !calendar.isOpenAt(arrival.at())) {
            return due(Kind.AWAY, lastSent, interval);
        }
        if (settings.acknowledges() && arrival.openedTicket()) {
            return due(Kind.ACKNOWLEDGEMENT, lastSent, interval);
        }
        return Optional.empty();
    }

    private Optional<Kind> due(Kind kind, Map<Kind, Instant> lastSent, Duration interval) {
        Instant last = lastSent.get(kind);
        boolean due = last == null || !clock.instant().isBefore(last.plus(interval));
        return due ? Optional.of(kind) : Optional.empty();
    }
}
