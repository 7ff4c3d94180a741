package org.relaydesk.core.sla;

import org.relaydesk.core.access.RequiresRole;
import org.relaydesk.core.user.Role;
import org.relaydesk.core.text.Jsonp;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.json.JsonObjectBuilder;
import jakarta.transaction.Transactional;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.relaydesk.api.ticket.TicketPriority;
import org.relaydesk.core.error.ConflictException;
import org.relaydesk.core.error.InvalidInputException;
import org.relaydesk.core.error.NotFoundException;
import org.relaydesk.core.persistence.Tenancy;
import org.relaydesk.core.workspace.WorkspaceCreated;

/**
 * SLA policies of a workspace: listed in the order they are tried, one of them the default. The
 * policies with conditions are tried in order; the default, which has none, takes every ticket none of
 * them takes. There is always exactly one default: making a policy the default unsets the one before,
 * which, having no conditions, then takes no ticket until it is given some. Saving or
 * removing one makes every unresolved ticket's SLA due for recomputation (the watcher does it in
 * batches), so due times follow the policy without anyone reopening tickets.
 */
@ApplicationScoped
public class SlaPolicies {
    /** Ten years, in minutes: beyond that a target is a typo. */
    static final int MAX_MINUTES = 10 * 366 * 24 * 60;

    @Inject
    Tenancy tenancy;

    /** A policy as the API and the admin page give it; minutes, overrides by priority, conditions as lists. */
    public record PolicyInput(String name, Integer position, boolean isDefault, boolean businessHoursOnly, UUID calendarId,
            Integer firstResponseMinutes, Integer nextResponseMinutes, Integer resolutionMinutes,
            Map<TicketPriority, Map<String, Integer>> overrides, Map<String, List<String>> conditions, Integer atRiskPercent) {
    }

    /** Seed 003's table: urgent (and critical) 1 h / 4 h, high 4 h / 8 h, medium 8 h / 24 h, low 24 h / 72 h; next response as first. */
    public static Map<TicketPriority, SlaTargets> standardTargets() {
        Map<TicketPriority, SlaTargets> targets = new EnumMap<>(TicketPriority.class);
        targets.put(TicketPriority.CRITICAL, SlaTargets.hours(1, 1, 4));
        targets.put(TicketPriority.URGENT, SlaTargets.hours(1, 1, 4));
        targets.put(TicketPriority.HIGH, SlaTargets.hours(4, 4, 8));
        targets.put(TicketPriority.MEDIUM, SlaTargets.hours(8, 8, 24));
        targets.put(TicketPriority.LOW, SlaTargets.hours(24, 24, 72));
        return targets;
    }

    void onWorkspaceCreated(@Observes WorkspaceCreated created) {
        SlaPolicy standard = new SlaPolicy("Standard");
        JsonObjectBuilder overrides = Jsonp.createObjectBuilder();
        standardTargets().forEach((priority, targets) -> {
            if (priority != TicketPriority.MEDIUM) {
                overrides.add(priority.apiName(), Jsonp.createObjectBuilder()
                        .add("first_response_minutes", targets.firstResponse().toMinutes())
                        .add("next_response_minutes", targets.nextResponse().toMinutes())
                        .add("resolution_minutes", targets.resolution().toMinutes()));
            }
        });
        SlaTargets medium = standardTargets().get(TicketPriority.MEDIUM);
        standard.define("Standard", 0, false, null, (int) medium.firstResponse().toMinutes(), (int) medium.nextResponse().toMinutes(),
                (int) medium.resolution().toMinutes(), overrides.build().toString(), "{}", 75);
        standard.markDefault(true);
        tenancy.em().persist(standard);
    }

    @Transactional
    public List<SlaPolicy> list() {
        return tenancy.em().createQuery("SELECT p FROM SlaPolicy p ORDER BY p.position, p.createdAt", SlaPolicy.class).getResultList();
    }

    @Transactional
    public SlaPolicy get(UUID id) {
        SlaPolicy policy = tenancy.em().find(SlaPolicy.class, id);
        if (policy == null) {
            throw new NotFoundException("SLA policy");
        }
        return policy;
    }

    @Transactional
    @RequiresRole(Role.ADMIN)
    public SlaPolicy create(PolicyInput input) {
        SlaPolicy policy = new SlaPolicy(input.name());
        apply(policy, input, true);
        tenancy.em().persist(policy);
        tenancy.em().flush();
        recomputeLater();
        audited(org.relaydesk.core.audit.AuditAction.SLA_POLICY_CHANGED, "sla_policy", policy.id(), policy.name(), "created");
        return policy;
    }

    @Transactional
    @RequiresRole(Role.ADMIN)
    public SlaPolicy update(UUID id, PolicyInput input) {
        SlaPolicy policy = get(id);
        if (policy.isDefault() && !input.isDefault()) {
            throw new ConflictException("One policy is always the default: make another one the default instead");
        }
        apply(policy, input, false);
        recomputeLater();
        audited(org.relaydesk.core.audit.AuditAction.SLA_POLICY_CHANGED, "sla_policy", policy.id(), policy.name(), "updated");
        return policy;
    }

    @Transactional
    @RequiresRole(Role.ADMIN)
    public void delete(UUID id) {
        SlaPolicy policy = get(id);
        if (policy.isDefault()) {
            throw new ConflictException("The default policy cannot be removed: make another one the default first");
        }
        tenancy.em().remove(policy);
        tenancy.em().flush();
        recomputeLater();
        audited(org.relaydesk.core.audit.AuditAction.SLA_POLICY_CHANGED, "sla_policy", id, policy.name(), "deleted");
    }

    private void apply(SlaPolicy policy, PolicyInput input, boolean creating) {
        InvalidInputException.Collector errors = new InvalidInputException.Collector();
        String name = input.name() == null ? "" : input.name().trim();
        errors.check(!name.isEmpty() && name.length() <= 100, "name", "is required (at most 100 characters)")
                .check(minutes(input.firstResponseMinutes()), "first_response_hours", "is required: more than 0, at most ten years")
                .check(minutes(input.resolutionMinutes()), "resolution_hours", "is required: more than 0, at most ten years")
                .check(input.nextResponseMinutes() == null || minutes(input.nextResponseMinutes()), "next_response_hours",
                        "must be more than 0 and at most ten years")
                .check(input.atRiskPercent() == null || input.atRiskPercent() >= 1 && input.atRiskPercent() <= 99, "at_risk_percent",
                        "must be between 1 and 99")
                .check(input.calendarId() == null || tenancy.em().find(BusinessHours.class, input.calendarId()) != null, "business_calendar_id",
                        "is not a business calendar of this workspace");
        if (input.overrides() != null) {
            input.overrides().forEach((priority, values) -> values.forEach((key, value) -> errors.check(
                    List.of("first_response_minutes", "next_response_minutes", "resolution_minutes").contains(key) && minutes(value),
                    "priority_overrides." + priority.apiName(), "targets must be more than 0 and at most ten years")));
        }
        if (input.conditions() != null) {
            java.util.Set<String> fieldKeys = tenancy.em().createQuery("SELECT f.key FROM CustomField f", String.class).getResultStream()
                    .collect(java.util.stream.Collectors.toSet());
            input.conditions().keySet().forEach(key -> {
                if (key.startsWith(SlaPolicy.CUSTOM_FIELD)) {
                    errors.check(fieldKeys.contains(key.substring(SlaPolicy.CUSTOM_FIELD.length())), "conditions." + key,
                            "is not a custom field of this workspace");
                } else {
                    errors.check(List.of("priorities", "category_ids", "channels", "requester_domains").contains(key), "conditions." + key,
                            "is not a condition (priorities, category_ids, channels, requester_domains, custom.<field key>)");
                }
            });
        }
        boolean conditioned = input.conditions() != null && input.conditions().values().stream().anyMatch(v -> v != null && !v.isEmpty());
        // the default is the fallback: conditions on it would read as a filter, and would never be used
        errors.check(!(input.isDefault() && conditioned), "conditions",
                "the default policy takes every ticket no other policy takes, so it has no conditions: remove them, or keep this policy "
                        + "with conditions and make another one the default");
        errors.throwIfAny();
        boolean taken = list().stream().anyMatch(p -> !p.id().equals(policy.id()) && p.name().equalsIgnoreCase(name));
        if (taken) {
            throw new ConflictException("There is already a policy named '" + name + "'");
        }
        JsonObjectBuilder overrides = Jsonp.createObjectBuilder();
        if (input.overrides() != null) {
            input.overrides().forEach((priority, values) -> {
                JsonObjectBuilder targets = Jsonp.createObjectBuilder();
                values.forEach(targets::add);
                overrides.add(priority.apiName(), targets);
            });
        }
        JsonObjectBuilder conditions = Jsonp.createObjectBuilder();
        if (input.conditions() != null) {
            input.conditions().forEach((key, values) -> conditions.add(key, Jsonp.createArrayBuilder(values)));
        }
        int position = input.position() != null ? input.position() : creating ? list().size() : policy.position();
        policy.define(name, position, input.businessHoursOnly(), input.calendarId(), input.firstResponseMinutes(),
                input.nextResponseMinutes() == null ? input.firstResponseMinutes() : input.nextResponseMinutes(), input.resolutionMinutes(),
                overrides.build().toString(), conditions.build().toString(), input.atRiskPercent() == null ? 75 : input.atRiskPercent());
        if (input.isDefault() && !policy.isDefault()) {
            list().stream().filter(SlaPolicy::isDefault).forEach(p -> p.markDefault(false));
            tenancy.em().flush(); // one default at a time (a unique index says so)
            policy.markDefault(true);
        }
    }

    private static boolean minutes(Integer value) {
        return value != null && value > 0 && value <= MAX_MINUTES;
    }

    private void recomputeLater() {
        recomputeLater(tenancy);
    }

    /** Every unresolved ticket of the workspace: due for the watcher now. */
    static void recomputeLater(Tenancy tenancy) {
        // the workspace is named in the statement
        tenancy.sql("UPDATE tickets SET sla_next_check_at = now() WHERE workspace_id = CAST(? AS uuid) "
                + "AND status NOT IN ('RESOLVED', 'CLOSED', 'CANCELLED')").setParameter(1, tenancy.workspaceId().toString()).executeUpdate();
    }

    @Inject
    jakarta.enterprise.event.Event<org.relaydesk.core.audit.Audited> audit;

    private void audited(org.relaydesk.core.audit.AuditAction action, String type, Object id, String label, String what) {
        audit.fire(org.relaydesk.core.audit.Audited.of(tenancy.workspaceId(), action, type, id, label).changed(null, what));
    }
}
