package org.relaydesk.core.report;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObjectBuilder;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.relaydesk.core.access.Access;
import org.relaydesk.core.access.RequiresRole;
import org.relaydesk.core.error.ConflictException;
import org.relaydesk.core.error.InvalidInputException;
import org.relaydesk.core.error.NotFoundException;
import org.relaydesk.core.outbox.OutboxEntry;
import org.relaydesk.core.persistence.Tenancy;
import org.relaydesk.core.text.Jsonp;
import org.relaydesk.core.user.Role;
import org.relaydesk.core.user.User;

/**
 * The workspace's scheduled reports, for its admins (checked here): who gets which report how often.
 * Recipients are active members of staff of the workspace only (a report is never mailed to an
 * address outside it), and each reads what their role lets them: an agent only their own tickets.
 */
@ApplicationScoped
public class ScheduledReports {
    public static final int MAX_SUBSCRIPTIONS = 100;
    static final int MAX_RECIPIENTS = 50;
    static final Set<String> REPORTS = Set.of("tickets", "agents", "volume");
    static final Set<String> FILTER_KEYS = Set.of("team", "agent", "category", "channel", "priority", "tags");
    static final String EMAIL_KIND = "email.scheduled_report";

    @Inject
    Tenancy tenancy;

    @Inject
    Access access;

    @Inject
    AnalyticsService analytics;

    Clock clock = Clock.systemUTC();

    @Transactional
    @RequiresRole(Role.ADMIN)
    public List<ReportSubscription> list() {
        return tenancy.em().createQuery("SELECT s FROM ReportSubscription s ORDER BY s.createdAt", ReportSubscription.class).getResultList();
    }

    @Transactional
    @RequiresRole(Role.ADMIN)
    public ReportSubscription get(UUID id) {
        return find(id);
    }

    @Transactional
    @RequiresRole(Role.ADMIN)
    public ReportSubscription create(ReportSubscriptionInput input) {
        long count = tenancy.em().createQuery("SELECT COUNT(s) FROM ReportSubscription s", Long.class).getSingleResult();
        if (count >= MAX_SUBSCRIPTIONS) {
            throw new ConflictException("A workspace has at most " + MAX_SUBSCRIPTIONS + " scheduled reports; delete one first");
        }
        ReportSubscription subscription = new ReportSubscription(access.current().map(u -> u.id()).orElse(null), clock.instant());
        apply(subscription, input, true);
        tenancy.em().persist(subscription);
        return subscription;
    }

    /** Fields left null keep their value; a new frequency starts its schedule from now. */
    @Transactional
    @RequiresRole(Role.ADMIN)
    public ReportSubscription update(UUID id, ReportSubscriptionInput input) {
        ReportSubscription subscription = find(id);
        apply(subscription, input, false);
        return subscription;
    }

    @Transactional
    @RequiresRole(Role.ADMIN)
    public void delete(UUID id) {
        tenancy.em().remove(find(id));
    }

    /** Sends the report now, for the last whole day, week or month of its schedule; its schedule stays. Returns how many emails were queued. */
    @Transactional
    @RequiresRole(Role.ADMIN)
    public int sendNow(UUID id) {
        ReportSubscription subscription = find(id);
        return queue(subscription, clock.instant());
    }

    /** The scheduler's part, in the subscription's workspace and a transaction of its own: queue the emails, then the next run. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void runDue(UUID id) {
        ReportSubscription subscription = tenancy.em().find(ReportSubscription.class, id, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
        Instant now = clock.instant();
        if (subscription == null || !subscription.active() || subscription.nextRunAt().isAfter(now)) {
            return; // changed or sent meanwhile
        }
        queue(subscription, subscription.nextRunAt());
        subscription.sent(now, subscription.frequency().nextRun(analytics.workspaceZone(), now));
    }

    private int queue(ReportSubscription subscription, Instant runAt) {
        ReportPeriod period = subscription.frequency().periodBefore(analytics.workspaceZone(), runAt);
        int queued = 0;
        for (UUID recipient : subscription.recipients()) {
            User user = tenancy.em().find(User.class, recipient);
            if (user == null || !user.may(Role.AGENT)) {
                continue; // left the workspace, or deactivated: nothing is sent to them
            }
            tenancy.em().persist(new OutboxEntry(EMAIL_KIND, Jsonp.createObjectBuilder().add("subscription_id", subscription.id().toString())
                    .add("user_id", recipient.toString()).add("from", period.from().toString()).add("to", period.to().toString()).build().toString()));
            queued++;
        }
        return queued;
    }

    private ReportSubscription find(UUID id) {
        ReportSubscription subscription = id == null ? null : tenancy.em().find(ReportSubscription.class, id);
        if (subscription == null) {
            throw new NotFoundException("Scheduled report");
        }
        return subscription;
    }

    private void apply(ReportSubscription subscription, ReportSubscriptionInput input, boolean creating) {
        InvalidInputException.Collector errors = new InvalidInputException.Collector();
        String name = input.name() == null ? subscription.name() : input.name().strip();
        errors.check(name != null && !name.isEmpty() && name.length() <= 200, "name", "is required, at most 200 characters");
        String report = input.report() == null ? subscription.report() : input.report().strip();
        errors.check(report != null && REPORTS.contains(report), "report", "must be tickets, agents or volume");
        ReportSchedule frequency = input.frequency() == null ? (creating ? null : subscription.frequency())
                : ReportSchedule.of(input.frequency()).orElse(null);
        errors.check(frequency != null, "frequency", "must be daily, weekly or monthly");
        JsonObjectBuilder filter = Jsonp.createObjectBuilder(creating || input.filter() != null ? Jsonp.createObjectBuilder().build() : subscription.filter());
        if (input.filter() != null) {
            for (Map.Entry<String, String> entry : input.filter().entrySet()) {
                if (!FILTER_KEYS.contains(entry.getKey())) {
                    errors.check(false, "filter", "unknown filter \"" + abbreviated(entry.getKey()) + "\"; known: agent, category, channel, priority, tags, team");
                } else if (entry.getValue() != null && !entry.getValue().isBlank()) {
                    filter.add(entry.getKey(), entry.getValue().strip());
                }
            }
        }
        var built = filter.build();
        try {
            ReportFilter.of(built.getString("team", null), built.getString("agent", null), built.getString("category", null),
                    built.getString("channel", null), built.getString("priority", null), built.getString("tags", null));
        } catch (InvalidInputException e) {
            e.fieldErrors().forEach((field, message) -> errors.check(false, "filter." + field, message));
        }
        Set<UUID> recipients = input.recipients() == null ? (creating ? Set.of() : subscription.recipients()) : new LinkedHashSet<>(input.recipients());
        errors.check(!recipients.isEmpty(), "recipients", "choose at least one member of staff");
        errors.check(recipients.size() <= MAX_RECIPIENTS, "recipients", "at most " + MAX_RECIPIENTS);
        if (recipients.size() <= MAX_RECIPIENTS) {
            for (UUID recipient : recipients) {
                User user = recipient == null ? null : tenancy.em().find(User.class, recipient);
                errors.check(user != null && user.may(Role.AGENT), "recipients", "every recipient is an active member of staff of this workspace");
            }
        }
        errors.throwIfAny();
        boolean active = input.active() == null ? creating || subscription.active() : input.active();
        boolean rescheduled = creating || input.frequency() != null && frequency != subscription.frequency() || active && !subscription.active();
        subscription.change(name, report, frequency, built, recipients, active,
                rescheduled ? frequency.nextRun(analytics.workspaceZone(), clock.instant()) : subscription.nextRunAt());
    }

    private static String abbreviated(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "…" : text;
    }
}
