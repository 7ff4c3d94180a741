package org.relaydesk.core.sla;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.relaydesk.api.ticket.StatusCategory;
import org.relaydesk.api.ticket.TicketPriority;
import org.relaydesk.api.ticket.TicketStatus;

/**
 * A ticket's SLA, computed from its history alone (no stored counters to drift): each clock starts,
 * pauses while the ticket waits on the customer or a third party, resumes, and stops when it is met
 * (first reply, next reply, solved). The targets are those of the ticket's current priority under the
 * current policy and calendar, measured from each clock's start, so a change of priority, policy or
 * calendar recomputes every due time the same way, and "why is it due then" always has an answer: the
 * timeline.
 */
public final class SlaClock {
    private SlaClock() {
    }

    /** A policy's terms for one ticket: targets per priority, the calendar they count in, the at-risk share. */
    public record Terms(Map<TicketPriority, SlaTargets> targets, BusinessCalendar calendar, double atRiskRatio) {
        public Terms {
            Objects.requireNonNull(calendar, "calendar");
            if (atRiskRatio <= 0 || atRiskRatio >= 1) {
                throw new IllegalArgumentException("the at-risk share lies between 0 and 1");
            }
            for (TicketPriority priority : TicketPriority.values()) {
                if (!targets.containsKey(priority)) {
                    throw new IllegalArgumentException("no targets for priority " + priority.apiName());
                }
            }
            targets = Map.copyOf(targets);
        }
    }

    /** One line of a ticket's SLA timeline: started, paused, resumed, at_risk, breached, met, stopped. */
    public record Entry(Instant at, SlaMetric metric, String event, String reason) {
    }

    /** One clock: {@code dueAt} is null while paused (the remaining time is then known, not the moment). */
    public record Measure(SlaMetric metric, Instant startedAt, Instant dueAt, Instant atRiskAt, Instant stoppedAt, SlaState state,
            Duration remaining) {
        boolean running() {
            return stoppedAt == null;
        }
    }

    /** {@code nextResponse} is the latest next-response clock, if a customer wrote after the first reply. */
    public record Result(Measure firstResponse, Measure nextResponse, Measure resolution, SlaState state, List<Entry> timeline,
            Instant nextCheckAt) {
    }

    /** A stretch of time in which a clock does not run; {@code end} null: it still does not. */
    private record Gap(Instant start, Instant end, String pausedBecause, String resumedBecause) {
    }

    public static Result evaluate(List<SlaFact> history, Terms terms, Instant now) {
        List<SlaFact> facts = history.stream().filter(f -> !f.at().isAfter(now)).sorted(Comparator.comparing(SlaFact::at)).toList();
        if (facts.isEmpty() || !(facts.get(0) instanceof SlaFact.Created created)) {
            throw new IllegalArgumentException("a ticket's history starts with its creation");
        }
        TicketPriority priority = created.priority();
        List<Instant> statusTimes = new ArrayList<>(List.of(created.at()));
        List<TicketStatus> statuses = new ArrayList<>(List.of(created.status()));
        for (SlaFact fact : facts) {
            if (fact instanceof SlaFact.PriorityChanged changed) {
                priority = changed.priority();
            } else if (fact instanceof SlaFact.StatusChanged changed && changed.status() != statuses.get(statuses.size() - 1)) {
                statusTimes.add(changed.at());
                statuses.add(changed.status());
            }
        }
        SlaTargets targets = terms.targets().get(priority);
        List<Gap> pending = new ArrayList<>();
        List<Gap> solved = new ArrayList<>();
        for (int i = 0; i < statuses.size(); i++) {
            Instant end = i + 1 < statuses.size() ? statusTimes.get(i + 1) : null;
            String resumed = end == null ? null : "status " + statuses.get(i + 1).label().toLowerCase(java.util.Locale.ROOT);
            StatusCategory category = statuses.get(i).category();
            if (category == StatusCategory.PENDING) {
                pending.add(new Gap(statusTimes.get(i), end, statuses.get(i).label().toLowerCase(java.util.Locale.ROOT), resumed));
            } else if (category == StatusCategory.SOLVED || category == StatusCategory.CLOSED) {
                solved.add(new Gap(statusTimes.get(i), end, statuses.get(i).label().toLowerCase(java.util.Locale.ROOT),
                        end == null ? null : "reopened"));
            }
        }

        List<Entry> timeline = new ArrayList<>();
        List<Measure> all = new ArrayList<>();
        Context context = new Context(terms, now, timeline);

        Instant firstReply = facts.stream().filter(SlaFact.AgentReplied.class::isInstance).map(SlaFact::at).findFirst().orElse(null);
        Instant firstSolved = solved.isEmpty() ? null : solved.get(0).start();
        Stop firstStop = earliest(new Stop(firstReply, "agent replied"), new Stop(firstSolved, "solved without a reply"));
        Measure first = context.measure(SlaMetric.FIRST_RESPONSE, created.at(), firstStop, targets.firstResponse(), pending);
        all.add(first);

        Measure next = null;
        if (firstReply != null) {
            Instant awaiting = null;
            for (SlaFact fact : facts) {
                if (!fact.at().isAfter(firstReply)) {
                    continue;
                }
                if (fact instanceof SlaFact.CustomerWrote && awaiting == null) {
                    awaiting = fact.at();
                } else if (fact instanceof SlaFact.AgentReplied && awaiting != null) {
                    next = context.measure(SlaMetric.NEXT_RESPONSE, awaiting, new Stop(fact.at(), "agent replied"), targets.nextResponse(), pending);
                    all.add(next);
                    awaiting = null;
                }
            }
            if (awaiting != null) {
                Instant start = awaiting;
                Instant solvedAfter = solved.stream().map(Gap::start).filter(s -> !s.isBefore(start)).findFirst().orElse(null);
                next = context.measure(SlaMetric.NEXT_RESPONSE, awaiting, new Stop(solvedAfter, "solved"), targets.nextResponse(), pending);
                all.add(next);
            }
        }

        // resolution: solved periods that ended with a reopen are pauses; a current solved period stops it
        Gap current = solved.isEmpty() ? null : solved.get(solved.size() - 1);
        boolean solvedNow = current != null && current.end() == null;
        List<Gap> resolutionGaps = new ArrayList<>(pending);
        solved.stream().filter(g -> g.end() != null).forEach(resolutionGaps::add);
        resolutionGaps.sort(Comparator.comparing(Gap::start));
        Measure resolution = context.measure(SlaMetric.RESOLUTION, created.at(),
                new Stop(solvedNow ? current.start() : null, solvedNow ? current.pausedBecause() : null), targets.resolution(), resolutionGaps);
        all.add(resolution);

        timeline.sort(Comparator.comparing(Entry::at).thenComparing(Entry::metric));
        return new Result(first, next, resolution, overall(all), List.copyOf(timeline), nextCheck(all, now));
    }

    private record Stop(Instant at, String reason) {
    }

    private static Stop earliest(Stop a, Stop b) {
        if (a.at() == null) {
            return b;
        }
        return b.at() != null && b.at().isBefore(a.at()) ? b : a;
    }

    private static SlaState overall(List<Measure> all) {
        if (all.stream().anyMatch(m -> m.state() == SlaState.BREACHED)) {
            return SlaState.BREACHED;
        }
        List<Measure> running = all.stream().filter(Measure::running).toList();
        if (running.isEmpty()) {
            return SlaState.MET;
        }
        if (running.stream().anyMatch(m -> m.state() == SlaState.AT_RISK)) {
            return SlaState.AT_RISK;
        }
        return running.stream().allMatch(m -> m.state() == SlaState.PAUSED) ? SlaState.PAUSED : SlaState.ON_TRACK;
    }

    /** The next moment a running clock turns at risk or breached: when the scheduler must look again. */
    private static Instant nextCheck(List<Measure> all, Instant now) {
        Instant next = null;
        for (Measure m : all) {
            if (!m.running() || m.dueAt() == null) {
                continue;
            }
            Instant candidate = m.atRiskAt() != null && m.atRiskAt().isAfter(now) ? m.atRiskAt() : m.dueAt().isAfter(now) ? m.dueAt() : null;
            if (candidate != null && (next == null || candidate.isBefore(next))) {
                next = candidate;
            }
        }
        return next;
    }

    /** What every clock of one evaluation shares. */
    private record Context(Terms terms, Instant now, List<Entry> timeline) {

        Measure measure(SlaMetric metric, Instant start, Stop stop, Duration target, List<Gap> gaps) {
            BusinessCalendar calendar = terms.calendar();
            Instant end = stop.at() != null ? stop.at() : now;
            timeline.add(new Entry(start, metric, "started", metric == SlaMetric.NEXT_RESPONSE ? "customer wrote" : "ticket created"));
            for (Gap gap : gaps) {
                if (!gap.start().isBefore(end) || gap.end() != null && !gap.end().isAfter(start)) {
                    continue;
                }
                Instant pausedAt = gap.start().isAfter(start) ? gap.start() : start;
                timeline.add(new Entry(pausedAt, metric, "paused", gap.pausedBecause()));
                if (gap.end() != null && gap.end().isBefore(end)) {
                    timeline.add(new Entry(gap.end(), metric, "resumed", gap.resumedBecause()));
                }
            }
            Instant due = reach(calendar, start, target, gaps);
            Duration riskAfter = Duration.ofSeconds(Math.round(target.toSeconds() * terms.atRiskRatio()));
            Instant atRisk = riskAfter.isZero() ? null : reach(calendar, start, riskAfter, gaps);
            boolean stopped = stop.at() != null;
            SlaState state;
            if (due != null && due.isBefore(end) || !stopped && due != null && !now.isBefore(due)) {
                state = SlaState.BREACHED;
                timeline.add(new Entry(due, metric, "breached", "the " + metric.label() + " target passed"));
            } else if (stopped) {
                state = SlaState.MET;
            } else if (due == null) {
                state = SlaState.PAUSED;
            } else if (atRisk != null && !now.isBefore(atRisk)) {
                state = SlaState.AT_RISK;
            } else {
                state = SlaState.ON_TRACK;
            }
            if (atRisk != null && atRisk.isBefore(end) && (due == null || atRisk.isBefore(due))) {
                timeline.add(new Entry(atRisk, metric, "at_risk",
                        Math.round(terms.atRiskRatio() * 100) + " % of the " + metric.label() + " target used"));
            }
            if (stopped) {
                timeline.add(new Entry(stop.at(), metric, state == SlaState.BREACHED ? "stopped" : "met", stop.reason()));
            }
            Duration used = used(calendar, start, end, gaps);
            Duration remaining = target.minus(used).isNegative() ? Duration.ZERO : target.minus(used);
            return new Measure(metric, start, due, atRisk, stop.at(), state, remaining);
        }

        /** The moment {@code amount} of running time after {@code start}, skipping the gaps; null inside an open gap. */
        private static Instant reach(BusinessCalendar calendar, Instant start, Duration amount, List<Gap> gaps) {
            Instant cursor = start;
            Duration remaining = amount;
            for (Gap gap : gaps) {
                if (gap.end() != null && !gap.end().isAfter(cursor)) {
                    continue;
                }
                Instant candidate = calendar.plus(cursor, remaining);
                if (!candidate.isAfter(gap.start())) {
                    return candidate;
                }
                if (gap.start().isAfter(cursor)) {
                    remaining = remaining.minus(calendar.between(cursor, gap.start()));
                }
                if (gap.end() == null) {
                    return null;
                }
                cursor = gap.end();
            }
            return calendar.plus(cursor, remaining);
        }

        /** Running (working, not paused) time of a clock from its start to {@code end}. */
        private static Duration used(BusinessCalendar calendar, Instant start, Instant end, List<Gap> gaps) {
            Duration total = Duration.ZERO;
            Instant cursor = start;
            for (Gap gap : gaps) {
                if (!gap.start().isBefore(end)) {
                    break;
                }
                if (gap.end() != null && !gap.end().isAfter(cursor)) {
                    continue;
                }
                if (gap.start().isAfter(cursor)) {
                    total = total.plus(calendar.between(cursor, gap.start()));
                }
                if (gap.end() == null) {
                    return total;
                }
                cursor = gap.end().isAfter(cursor) ? gap.end() : cursor;
            }
            return total.plus(calendar.between(cursor, end));
        }
    }
}
