package org.relaydesk.core.sla;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.relaydesk.api.ticket.TicketPriority;
import org.relaydesk.api.ticket.TicketStatus;
import org.relaydesk.core.persistence.Tenancy;
import org.relaydesk.core.ticket.Actor;
import org.relaydesk.core.ticket.FieldChange;
import org.relaydesk.core.ticket.Ticket;
import org.relaydesk.core.ticket.TicketChanged;
import org.relaydesk.core.ticket.TicketEvent;
import org.relaydesk.core.ticket.TicketService;
import org.relaydesk.core.workspace.Workspace;

/**
 * Keeps each ticket's SLA current: on every change of the ticket (in the same transaction) and when
 * the watcher finds a ticket whose next SLA moment has come. Each time the clocks are computed anew
 * from the ticket's history ({@link SlaClock}); at-risk and breach moments that have passed since the
 * last look are raised once: on the ticket's timeline, as the outbox event ticket.sla.breached /
 * ticket.sla.at_risk, and to open panels.
 */
@ApplicationScoped
public class SlaService {
    @Inject
    org.relaydesk.core.webhook.WebhookPublisher webhooks;

    @Inject
    Tenancy tenancy;

    @Inject
    TicketService tickets;

    @Inject
    jakarta.enterprise.event.Event<TicketChanged> changed;

    /** The clock evaluation and the policy it used, for the API and the ticket page. */
    /** {@code active}: the ticket is still being worked, so its running clocks have due times. */
    public record Sla(SlaPolicy policy, SlaClock.Result result, boolean active) {
    }

    /** Synchronous: the due times are written with the change that moves them. */
    void onTicketChanged(@Observes TicketChanged change) {
        if (change.action().startsWith("sla_") || "deleted".equals(change.action())) {
            return;
        }
        Ticket ticket = tenancy.em().find(Ticket.class, change.ticketId());
        if (ticket == null) {
            return;
        }
        if ("created".equals(change.action())) {
            // nothing has happened to a new ticket yet: its history needs no query, and without a query
            // nothing is flushed early, so the due times go into the ticket's INSERT (no second write)
            refresh(ticket, Instant.now(), List.of(new SlaFact.Created(ticket.createdAt(), ticket.priority(), ticket.status())));
        } else {
            refresh(ticket, Instant.now());
        }
    }

    /** A ticket's SLA as of now (the caller may see the ticket). */
    @Transactional
    public Sla of(UUID ticketId) {
        Ticket ticket = tickets.get(ticketId);
        SlaPolicy policy = policyFor(ticket);
        return new Sla(policy, SlaClock.evaluate(facts(ticket), terms(policy), Instant.now()), ticket.status().isActive());
    }

    /** Recomputes and stores the ticket's SLA and raises what has newly happened. */
    @Transactional
    public SlaClock.Result refresh(Ticket ticket, Instant now) {
        return refresh(ticket, now, facts(ticket));
    }

    private SlaClock.Result refresh(Ticket ticket, Instant now, List<SlaFact> facts) {
        SlaPolicy policy = policyFor(ticket);
        SlaClock.Result result = SlaClock.evaluate(facts, terms(policy), now);
        boolean running = ticket.status().isActive();
        ticket.applySla(policy == null ? null : policy.id(),
                running && result.firstResponse().running() ? result.firstResponse().dueAt() : null,
                running && result.nextResponse() != null && result.nextResponse().running() ? result.nextResponse().dueAt() : null,
                running && result.resolution().running() ? result.resolution().dueAt() : null,
                result.state().apiName(), running ? result.nextCheckAt() : null);
        announce(ticket, policy, result, now);
        return result;
    }

    /**
     * Raises the at-risk and breach moments not raised before, each once (keys in sla_announced). A
     * clock found at risk and breached at the same look is raised as breached only; a ticket marked
     * "*" (it existed before SLA) takes its current moments as known without raising them.
     */
    private void announce(Ticket ticket, SlaPolicy policy, SlaClock.Result result, Instant now) {
        List<SlaClock.Entry> moments = result.timeline().stream()
                .filter(e -> e.event().equals("at_risk") || e.event().equals("breached"))
                .filter(e -> !e.at().isAfter(now)).toList();
        java.util.Set<String> current = new java.util.LinkedHashSet<>();
        moments.forEach(e -> current.add(key(e)));
        String known = ticket.slaAnnounced();
        ticket.slaAnnounced(String.join(" ", current));
        if ("*".equals(known)) {
            return;
        }
        java.util.Set<String> before = known == null || known.isBlank() ? java.util.Set.of() : java.util.Set.of(known.split(" "));
        List<SlaClock.Entry> news = moments.stream().filter(e -> !before.contains(key(e))).toList();
        java.util.Set<SlaMetric> breachedNow = news.stream().filter(e -> e.event().equals("breached")).map(SlaClock.Entry::metric)
                .collect(java.util.stream.Collectors.toSet());
        news = news.stream().filter(e -> e.event().equals("breached") || !breachedNow.contains(e.metric())).toList();
        for (SlaClock.Entry entry : news) {
            String action = entry.event().equals("breached") ? "sla_breached" : "sla_at_risk";
            tenancy.em().persist(new TicketEvent(ticket.id(), action, FieldChange.of("sla", null, entry.metric().apiName()), Actor.SYSTEM, now));
            webhooks.slaMoment(ticket, entry.event().equals("breached"), entry.metric().apiName(), entry.at(), policy == null ? null : policy.id());
        }
        if (!news.isEmpty()) {
            // one live update per ticket, however many clocks turned
            String action = breachedNow.isEmpty() ? "sla_at_risk" : "sla_breached";
            changed.fire(new TicketChanged(tenancy.workspaceId(), ticket.id(), ticket.number(), action, "system", null, "SLA"));
        }
    }

    private static String key(SlaClock.Entry entry) {
        return entry.metric().apiName() + ":" + entry.event() + ":" + entry.at().getEpochSecond();
    }

    /** The first policy with conditions (by position) whose conditions the ticket meets, else the default one. */
    SlaPolicy policyFor(Ticket ticket) {
        // the policies do not depend on the ticket's pending changes: reading them need not flush those
        List<SlaPolicy> policies = tenancy.em().createQuery("SELECT p FROM SlaPolicy p ORDER BY p.position, p.createdAt", SlaPolicy.class)
                .setFlushMode(jakarta.persistence.FlushModeType.COMMIT).getResultList();
        return SlaPolicy.choose(policies, ticket);
    }

    /** A workspace without any policy (it was deleted in the database) still gets seed 003's table. */
    SlaClock.Terms terms(SlaPolicy policy) {
        if (policy == null) {
            return new SlaClock.Terms(SlaPolicies.standardTargets(), BusinessCalendar.always(), 0.75);
        }
        return new SlaClock.Terms(policy.targets(), calendarOf(policy), policy.atRiskPercent() / 100.0);
    }

    private BusinessCalendar calendarOf(SlaPolicy policy) {
        if (!policy.businessHoursOnly()) {
            return BusinessCalendar.always();
        }
        BusinessHours hours = policy.calendarId() == null ? null : tenancy.em().find(BusinessHours.class, policy.calendarId());
        if (hours != null) {
            return hours.calendar();
        }
        Workspace workspace = tenancy.global().find(Workspace.class, tenancy.workspaceId());
        return BusinessHours.toCalendar(ZoneId.of(workspace.timeZone()), BusinessHours.OFFICE_WEEK, "[]");
    }

    /** The ticket's history as the clocks read it, from its activity timeline. */
    List<SlaFact> facts(Ticket ticket) {
        // only what moves a clock: status and priority changes, replies
        List<TicketEvent> events = tenancy.em().createQuery("SELECT e FROM TicketEvent e WHERE e.ticketId = :t AND (e.field IN ('status', 'priority') "
                + "OR e.action IN ('replied', 'customer_replied')) ORDER BY e.createdAt", TicketEvent.class).setParameter("t", ticket.id()).getResultList();
        TicketPriority initialPriority = events.stream().filter(e -> "priority".equals(e.field()) && e.beforeValue() != null).findFirst()
                .flatMap(e -> TicketPriority.fromApiName(e.beforeValue())).orElse(ticket.priority());
        TicketStatus initialStatus = events.stream().filter(e -> "status".equals(e.field()) && e.beforeValue() != null).findFirst()
                .flatMap(e -> TicketStatus.fromApiName(e.beforeValue())).orElse(ticket.status());
        List<SlaFact> facts = new ArrayList<>();
        facts.add(new SlaFact.Created(ticket.createdAt(), initialPriority, initialStatus));
        for (TicketEvent event : events) {
            Instant at = event.createdAt().isBefore(ticket.createdAt()) ? ticket.createdAt() : event.createdAt();
            if ("status".equals(event.field())) {
                TicketStatus.fromApiName(event.afterValue()).ifPresent(s -> facts.add(new SlaFact.StatusChanged(at, s)));
            } else if ("priority".equals(event.field())) {
                TicketPriority.fromApiName(event.afterValue()).ifPresent(p -> facts.add(new SlaFact.PriorityChanged(at, p)));
            }
            if ("replied".equals(event.action())) {
                facts.add(new SlaFact.AgentReplied(at));
            } else if ("customer_replied".equals(event.action())) {
                facts.add(new SlaFact.CustomerWrote(at));
            }
        }
        facts.sort(Comparator.comparing(SlaFact::at));
        return facts;
    }

    /**
     * Whether now is inside the business hours that apply to a ticket (for rule conditions): those of
     * the ticket's SLA policy when it counts business hours, else the default policy's when it does,
     * else the first business calendar, else office hours (Monday to Friday 09:00–17:00) in the
     * workspace's time zone.
     */
    @Transactional
    public boolean withinBusinessHours(Instant now, UUID ticketPolicyId) {
        SlaPolicy own = ticketPolicyId == null ? null : tenancy.em().find(SlaPolicy.class, ticketPolicyId);
        SlaPolicy standard = own != null && own.businessHoursOnly() ? own
                : tenancy.em().createQuery("SELECT p FROM SlaPolicy p WHERE p.isDefault = TRUE", SlaPolicy.class).getResultStream().findFirst().orElse(null);
        BusinessCalendar calendar;
        if (standard != null && standard.businessHoursOnly()) {
            calendar = calendarOf(standard);
        } else {
            calendar = tenancy.em().createQuery("SELECT c FROM BusinessHours c ORDER BY c.createdAt", BusinessHours.class).getResultStream()
                    .findFirst().map(BusinessHours::calendar).orElseGet(() -> {
                        Workspace workspace = tenancy.global().find(Workspace.class, tenancy.workspaceId());
                        return BusinessHours.toCalendar(ZoneId.of(workspace.timeZone()), BusinessHours.OFFICE_WEEK, "[]");
                    });
        }
        return !calendar.between(now, now.plusSeconds(1)).isZero();
    }

    /** Used by the watcher. */
    Optional<Ticket> find(UUID ticketId) {
        return Optional.ofNullable(tenancy.em().find(Ticket.class, ticketId));
    }
}
