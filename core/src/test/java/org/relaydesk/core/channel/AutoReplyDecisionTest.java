package org.relaydesk.core.channel;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.relaydesk.core.channel.AutoReplyDecision.Arrival;
import org.relaydesk.core.channel.AutoReplyDecision.Kind;
import org.relaydesk.core.sla.BusinessCalendar;

/** Which automatic reply a customer's message earns, on a clock the test sets. */
class AutoReplyDecisionTest {
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    /** Monday 2026-11-30, 10:00 in Berlin (09:00 UTC): open. */
    private static final Instant MONDAY_MORNING = Instant.parse("2026-11-30T09:00:00Z");
    /** Monday 2026-11-30, 20:00 in Berlin: closed. */
    private static final Instant MONDAY_EVENING = Instant.parse("2026-11-30T19:00:00Z");
    private static final BusinessCalendar OFFICE = officeHours();
    private static final AutoReplySettings BOTH = new AutoReplySettings("Thanks {{contact.name}}", "We are closed", UUID.randomUUID(), 4, false);

    private static BusinessCalendar officeHours() {
        Map<DayOfWeek, List<BusinessCalendar.Shift>> week = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek day : List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY, DayOfWeek.FRIDAY)) {
            week.put(day, List.of(new BusinessCalendar.Shift(LocalTime.of(9, 0), LocalTime.of(17, 0))));
        }
        return BusinessCalendar.of(BERLIN, week, Set.of(), Set.of());
    }

    private static Optional<Kind> decide(AutoReplySettings settings, Arrival arrival, Map<Kind, Instant> lastSent, Instant now) {
        return new AutoReplyDecision(Clock.fixed(now, ZoneId.of("UTC"))).decide(settings, arrival, OFFICE, lastSent);
    }

    @Test
    void aMessageThatOpensATicketInBusinessHoursIsAcknowledgedOnce() {
        assertThat(decide(BOTH, new Arrival(true, true, MONDAY_MORNING), Map.of(), MONDAY_MORNING)).contains(Kind.ACKNOWLEDGEMENT);
        assertThat(decide(BOTH, new Arrival(true, false, MONDAY_MORNING), Map.of(), MONDAY_MORNING))
                .as("the second line of the conversation joins the ticket: no acknowledgement").isEmpty();
        assertThat(decide(BOTH, new Arrival(true, true, MONDAY_MORNING), Map.of(Kind.ACKNOWLEDGEMENT, MONDAY_MORNING.minusSeconds(60)), MONDAY_MORNING))
                .as("acknowledged a minute ago").isEmpty();
    }

    @Test
    void outsideBusinessHoursTheAwayMessageGoesOncePerInterval() {
        Instant first = MONDAY_EVENING;
        assertThat(decide(BOTH, new Arrival(true, true, first), Map.of(), first)).as("instead of the acknowledgement, not with it").contains(Kind.AWAY);
        Map<Kind, Instant> sent = Map.of(Kind.AWAY, first);
        for (int line = 1; line <= 10; line++) {
            Instant later = first.plus(Duration.ofMinutes(line));
            assertThat(decide(BOTH, new Arrival(true, false, later), sent, later)).as("line %d of a chatty customer", line).isEmpty();
        }
        Instant almost = first.plus(Duration.ofHours(4)).minusSeconds(1);
        assertThat(decide(BOTH, new Arrival(true, false, almost), sent, almost)).isEmpty();
        Instant next = first.plus(Duration.ofHours(4));
        assertThat(decide(BOTH, new Arrival(true, false, next), sent, next)).as("the interval has passed, still closed").contains(Kind.AWAY);
    }

    @Test
    void businessHoursFollowTheCalendarsZoneAndDays() {
        Instant saturdayNoon = Instant.parse("2026-12-05T11:00:00Z");
        assertThat(decide(BOTH, new Arrival(true, false, saturdayNoon), Map.of(), saturdayNoon)).contains(Kind.AWAY);
        Instant mondayAtNineBerlin = Instant.parse("2026-11-30T08:00:00Z");
        assertThat(decide(BOTH, new Arrival(true, false, mondayAtNineBerlin), Map.of(), mondayAtNineBerlin)).as("opening time is open").isEmpty();
        Instant mondayAtFiveBerlin = Instant.parse("2026-11-30T16:00:00Z");
        assertThat(decide(BOTH, new Arrival(true, false, mondayAtFiveBerlin), Map.of(), mondayAtFiveBerlin)).as("closing time is closed")
                .contains(Kind.AWAY);
    }

    @Test
    void anArrivalIsJudgedByWhenItCameNotWhenItWasFiled() {
        Instant filedNextMorning = MONDAY_MORNING.plus(Duration.ofDays(1));
        assertThat(decide(BOTH, new Arrival(true, false, MONDAY_EVENING), Map.of(), filedNextMorning)).contains(Kind.AWAY);
    }

    @Test
    void withoutTextsOrCalendarNothingIsSentAndEmailOnlyWhenAskedFor() {
        AutoReplySettings awayWithoutCalendar = new AutoReplySettings(null, "Closed", null, 24, false);
        assertThat(decide(awayWithoutCalendar, new Arrival(true, true, MONDAY_EVENING), Map.of(), MONDAY_EVENING)).isEmpty();
        AutoReplySettings ackOnly = new AutoReplySettings("Got it", "  ", null, 24, false);
        assertThat(decide(ackOnly, new Arrival(true, true, MONDAY_EVENING), Map.of(), MONDAY_EVENING)).contains(Kind.ACKNOWLEDGEMENT);

        assertThat(decide(BOTH, new Arrival(false, true, MONDAY_MORNING), Map.of(), MONDAY_MORNING)).as("an email channel by default").isEmpty();
        AutoReplySettings onEmail = new AutoReplySettings("Got it", null, null, 24, true);
        assertThat(decide(onEmail, new Arrival(false, true, MONDAY_MORNING), Map.of(), MONDAY_MORNING)).contains(Kind.ACKNOWLEDGEMENT);
    }
}
