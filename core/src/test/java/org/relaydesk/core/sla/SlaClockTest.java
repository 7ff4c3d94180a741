package org.relaydesk.core.sla;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.relaydesk.api.ticket.TicketPriority;
import org.relaydesk.api.ticket.TicketStatus;
import org.relaydesk.core.sla.SlaFact.AgentReplied;
import org.relaydesk.core.sla.SlaFact.Created;
import org.relaydesk.core.sla.SlaFact.CustomerWrote;
import org.relaydesk.core.sla.SlaFact.PriorityChanged;
import org.relaydesk.core.sla.SlaFact.StatusChanged;

/** SLA clocks computed from a ticket's history; every due time below is worked out by hand. */
class SlaClockTest {
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    /** Seed 003's default policy: first response / resolution per priority; next response as first. */
    private static final Map<TicketPriority, SlaTargets> DEFAULTS = Map.of(
            TicketPriority.CRITICAL, SlaTargets.hours(1, 1, 4),
            TicketPriority.URGENT, SlaTargets.hours(1, 1, 4),
            TicketPriority.HIGH, SlaTargets.hours(4, 4, 8),
            TicketPriority.MEDIUM, SlaTargets.hours(8, 8, 24),
            TicketPriority.LOW, SlaTargets.hours(24, 24, 72));
    private static final SlaClock.Terms ROUND_THE_CLOCK = new SlaClock.Terms(DEFAULTS, BusinessCalendar.always(), 0.75);
    private static final SlaClock.Terms OFFICE_HOURS;

    static {
        Map<DayOfWeek, List<BusinessCalendar.Shift>> week = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek day : List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY, DayOfWeek.FRIDAY)) {
            week.put(day, List.of(new BusinessCalendar.Shift(LocalTime.of(9, 0), LocalTime.of(17, 0))));
        }
        OFFICE_HOURS = new SlaClock.Terms(DEFAULTS, BusinessCalendar.of(BERLIN, week, Set.of(), Set.of()), 0.75);
    }

    private static Instant at(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(BERLIN).toInstant();
    }

    private final List<SlaFact> history = new ArrayList<>();

    private SlaClockTest created(String when, TicketPriority priority) {
        history.add(new Created(at(when), priority, TicketStatus.NEW));
        return this;
    }

    private SlaClockTest status(String when, TicketStatus status) {
        history.add(new StatusChanged(at(when), status));
        return this;
    }

    private SlaClockTest agentReplied(String when) {
        history.add(new AgentReplied(at(when)));
        return this;
    }

    private SlaClockTest customerWrote(String when) {
        history.add(new CustomerWrote(at(when)));
        return this;
    }

    private SlaClock.Result now(String when, SlaClock.Terms terms) {
        return SlaClock.evaluate(history, terms, at(when));
    }

    @Test
    void aNewUrgentTicketIsDueInAnHourAndAtRiskAfterFortyFiveMinutes() {
        created("2026-12-01T10:00", TicketPriority.URGENT);
        SlaClock.Result fresh = now("2026-12-01T10:10", ROUND_THE_CLOCK);
        assertThat(fresh.firstResponse().dueAt()).isEqualTo(at("2026-12-01T11:00"));
        assertThat(fresh.resolution().dueAt()).isEqualTo(at("2026-12-01T14:00"));
        assertThat(fresh.state()).isEqualTo(SlaState.ON_TRACK);
        assertThat(fresh.nextCheckAt()).as("the scheduler looks again when it turns at risk").isEqualTo(at("2026-12-01T10:45"));

        SlaClock.Result late = now("2026-12-01T10:50", ROUND_THE_CLOCK);
        assertThat(late.state()).isEqualTo(SlaState.AT_RISK);
        assertThat(late.nextCheckAt()).isEqualTo(at("2026-12-01T11:00"));
        assertThat(late.firstResponse().remaining()).isEqualTo(Duration.ofMinutes(10));

        SlaClock.Result breached = now("2026-12-01T11:00", ROUND_THE_CLOCK);
        assertThat(breached.state()).isEqualTo(SlaState.BREACHED);
        assertThat(breached.timeline()).extracting(SlaClock.Entry::event).contains("started", "at_risk", "breached");
    }

    @Test
    void theFirstReplyMeetsTheFirstResponseTargetAndNotesDoNotCount() {
        created("2026-12-01T10:00", TicketPriority.HIGH).agentReplied("2026-12-01T12:30");
        SlaClock.Result result = now("2026-12-01T13:00", ROUND_THE_CLOCK);
        assertThat(result.firstResponse().state()).isEqualTo(SlaState.MET);
        assertThat(result.firstResponse().stoppedAt()).isEqualTo(at("2026-12-01T12:30"));
        assertThat(result.resolution().dueAt()).isEqualTo(at("2026-12-01T18:00"));
        assertThat(result.nextResponse()).as("no customer message since").isNull();
        assertThat(result.state()).isEqualTo(SlaState.ON_TRACK);
    }

    @Test
    void officeHoursCarryTheClockOverTheNightAndTheWeekend() {
        // Friday 15:00, medium: 8 working hours for the first response = 2 h on Friday, 6 h on Monday
        created("2026-12-04T15:00", TicketPriority.MEDIUM);
        SlaClock.Result result = now("2026-12-04T15:05", OFFICE_HOURS);
        assertThat(result.firstResponse().dueAt()).isEqualTo(at("2026-12-07T15:00"));
        // resolution: 24 working hours = 2 + 8 (Mon) + 8 (Tue) + 6 (Wed)
        assertThat(result.resolution().dueAt()).isEqualTo(at("2026-12-09T15:00"));
    }

    @Test
    void waitingOnTheCustomerPausesEveryClockEvenAcrossNights() {
        created("2026-12-01T10:00", TicketPriority.HIGH)
                .agentReplied("2026-12-01T11:00")
                .status("2026-12-01T11:00", TicketStatus.WAITING_ON_CUSTOMER);
        SlaClock.Result paused = now("2026-12-02T10:00", OFFICE_HOURS);
        assertThat(paused.state()).isEqualTo(SlaState.PAUSED);
        assertThat(paused.resolution().dueAt()).as("no due time while paused").isNull();
        assertThat(paused.resolution().remaining()).as("8 h target, 1 h used").isEqualTo(Duration.ofHours(7));
        assertThat(paused.nextCheckAt()).isNull();

        // the customer answers the next morning: the ticket reopens, 7 working hours remain
        customerWrote("2026-12-02T10:00").status("2026-12-02T10:00", TicketStatus.OPEN);
        SlaClock.Result resumed = now("2026-12-02T10:05", OFFICE_HOURS);
        assertThat(resumed.resolution().dueAt()).isEqualTo(at("2026-12-02T17:00"));
        assertThat(resumed.nextResponse().dueAt()).as("4 working hours for the next reply").isEqualTo(at("2026-12-02T14:00"));
        assertThat(resumed.timeline()).extracting(e -> e.metric() + " " + e.event() + " " + e.reason())
                .contains("RESOLUTION paused waiting on customer", "RESOLUTION resumed status open");
    }

    @Test
    void aHigherPriorityRecomputesFromTheStart() {
        created("2026-12-01T10:00", TicketPriority.LOW);
        assertThat(now("2026-12-01T10:30", ROUND_THE_CLOCK).firstResponse().dueAt()).isEqualTo(at("2026-12-02T10:00"));
        history.add(new PriorityChanged(at("2026-12-01T10:30"), TicketPriority.URGENT));
        SlaClock.Result urgent = now("2026-12-01T10:31", ROUND_THE_CLOCK);
        assertThat(urgent.firstResponse().dueAt()).as("an urgent ticket is answered within the hour of its arrival").isEqualTo(at("2026-12-01T11:00"));
        assertThat(urgent.state()).isEqualTo(SlaState.ON_TRACK);
        assertThat(now("2026-12-01T10:50", ROUND_THE_CLOCK).state()).isEqualTo(SlaState.AT_RISK);
    }

    @Test
    void aPolicyChangeMidTicketAppliesItsTargetsFromTheStart() {
        created("2026-12-01T10:00", TicketPriority.MEDIUM);
        Map<TicketPriority, SlaTargets> enterprise = new EnumMap<>(DEFAULTS);
        enterprise.put(TicketPriority.MEDIUM, SlaTargets.hours(2.5, 2, 12));
        SlaClock.Result result = now("2026-12-01T11:00", new SlaClock.Terms(enterprise, BusinessCalendar.always(), 0.75));
        assertThat(result.firstResponse().dueAt()).as("2.5 h, to the minute").isEqualTo(at("2026-12-01T12:30"));
        assertThat(result.resolution().dueAt()).isEqualTo(at("2026-12-01T22:00"));
    }

    @Test
    void resolvingStopsTheClockAndReopeningResumesItWithoutTheSolvedTime() {
        created("2026-12-01T10:00", TicketPriority.HIGH)
                .agentReplied("2026-12-01T10:30")
                .status("2026-12-01T12:00", TicketStatus.RESOLVED);
        SlaClock.Result solved = now("2026-12-01T13:00", ROUND_THE_CLOCK);
        assertThat(solved.state()).isEqualTo(SlaState.MET);
        assertThat(solved.resolution().stoppedAt()).isEqualTo(at("2026-12-01T12:00"));
        assertThat(solved.nextCheckAt()).isNull();

        // reopened the next day: 2 h were used, 6 h of the 8 h remain from the reopening
        customerWrote("2026-12-02T09:00").status("2026-12-02T09:00", TicketStatus.OPEN);
        SlaClock.Result reopened = now("2026-12-02T09:01", ROUND_THE_CLOCK);
        assertThat(reopened.resolution().dueAt()).isEqualTo(at("2026-12-02T15:00"));
        assertThat(reopened.resolution().state()).isEqualTo(SlaState.ON_TRACK);
        assertThat(reopened.timeline()).extracting(e -> e.metric() + " " + e.event() + " " + e.reason())
                .contains("RESOLUTION paused resolved", "RESOLUTION resumed reopened");
    }

    @Test
    void eachCustomerMessageAfterAReplyStartsOneNextResponseClock() {
        created("2026-12-01T10:00", TicketPriority.URGENT)
                .agentReplied("2026-12-01T10:20")
                .customerWrote("2026-12-01T11:00")
                .customerWrote("2026-12-01T11:30") // a second message does not restart the wait
                .agentReplied("2026-12-01T12:30") // 90 min after the first: late
                .customerWrote("2026-12-01T13:00");
        SlaClock.Result result = now("2026-12-01T13:10", ROUND_THE_CLOCK);
        assertThat(result.nextResponse().startedAt()).isEqualTo(at("2026-12-01T13:00"));
        assertThat(result.nextResponse().dueAt()).isEqualTo(at("2026-12-01T14:00"));
        assertThat(result.state()).as("the late reply at 12:30 stays on the record").isEqualTo(SlaState.BREACHED);
        assertThat(result.timeline()).filteredOn(e -> e.event().equals("breached")).extracting(SlaClock.Entry::at)
                .containsExactly(at("2026-12-01T12:00"));
    }

    @Test
    void aBreachIsRecordedAtTheMomentTheTargetPassedNotWhenSomeoneLooked() {
        created("2026-12-01T10:00", TicketPriority.URGENT).agentReplied("2026-12-01T11:20");
        SlaClock.Result result = now("2026-12-03T09:00", ROUND_THE_CLOCK);
        assertThat(result.firstResponse().state()).isEqualTo(SlaState.BREACHED);
        assertThat(result.timeline()).filteredOn(e -> e.metric() == SlaMetric.FIRST_RESPONSE && e.event().equals("breached"))
                .extracting(SlaClock.Entry::at).containsExactly(at("2026-12-01T11:00"));
        assertThat(result.resolution().state()).as("4 h passed long ago").isEqualTo(SlaState.BREACHED);
    }

    @Test
    void aPauseSpanningTheDueTimeKeepsTheTicketInTime() {
        // medium, office hours: due Tuesday 18:00 would be 17:00 + ...; paused from 12:00 to next day 12:00
        created("2026-12-01T09:00", TicketPriority.MEDIUM)
                .agentReplied("2026-12-01T09:30")
                .status("2026-12-01T12:00", TicketStatus.WAITING_ON_THIRD_PARTY)
                .status("2026-12-02T12:00", TicketStatus.IN_PROGRESS);
        SlaClock.Result result = now("2026-12-02T12:30", OFFICE_HOURS);
        // 24 working hours: 3 h on Tuesday before the pause, then from Wednesday 12:00: 5 + 8 + 8 = 21
        assertThat(result.resolution().dueAt()).isEqualTo(at("2026-12-04T17:00"));
        assertThat(result.state()).isEqualTo(SlaState.ON_TRACK);
    }
}
