package org.relaydesk.core.sla;

import org.relaydesk.core.text.Jsonp;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.relaydesk.api.ticket.TicketPriority;
import org.relaydesk.core.persistence.WorkspaceOwned;
import org.relaydesk.core.ticket.Ticket;

/**
 * An SLA policy: targets (with overrides per priority), whether they count business hours only, and
 * the tickets it is for. Policies with conditions are tried in position order; the default one (which
 * has no conditions) takes the rest.
 */
@Entity
@Table(name = "sla_policies")
public class SlaPolicy extends WorkspaceOwned {
    /** The prefix of a condition on a custom field's value: "custom.plan": ["enterprise"]. */
    public static final String CUSTOM_FIELD = "custom.";

    @Column(nullable = false)
    private String name;

    @Column(nullable = false)
    private int position;

    @Column(name = "is_default", nullable = false)
    private boolean isDefault;

    @Column(name = "business_hours_only", nullable = false)
    private boolean businessHoursOnly;

    @Column(name = "calendar_id")
    private UUID calendarId;

    @Column(name = "first_response_minutes", nullable = false)
    private int firstResponseMinutes;

    @Column(name = "next_response_minutes", nullable = false)
    private int nextResponseMinutes;

    @Column(name = "resolution_minutes", nullable = false)
    private int resolutionMinutes;

    /** {"urgent": {"first_response_minutes": 60, ...}} (jsonb) */
    @Column(nullable = false)
    private String overrides = "{}";

    /**
     * {"priorities": [...], "category_ids": [...], "channels": [...], "requester_domains": [...],
     * "custom.&lt;field key&gt;": [...]} (jsonb)
     */
    @Column(nullable = false)
    private String conditions = "{}";

    @Column(name = "at_risk_percent", nullable = false)
    private int atRiskPercent = 75;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt = Instant.now();

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt = Instant.now();

    protected SlaPolicy() {
    }

    SlaPolicy(String name) {
        this.name = name;
    }

    void define(String newName, int newPosition, boolean businessHours, UUID calendar, int firstResponse, int nextResponse, int resolution,
            String overridesJson, String conditionsJson, int atRisk) {
        this.name = newName;
        this.position = newPosition;
        this.businessHoursOnly = businessHours;
        this.calendarId = calendar;
        this.firstResponseMinutes = firstResponse;
        this.nextResponseMinutes = nextResponse;
        this.resolutionMinutes = resolution;
        this.overrides = overridesJson;
        this.conditions = conditionsJson;
        this.atRiskPercent = atRisk;
        this.updatedAt = Instant.now();
    }

    void markDefault(boolean value) {
        this.isDefault = value;
        this.updatedAt = Instant.now();
    }

    /** The targets for every priority: the policy's own, replaced where a priority has an override. */
    public Map<TicketPriority, SlaTargets> targets() {
        JsonObject byPriority = parse(overrides);
        Map<TicketPriority, SlaTargets> targets = new EnumMap<>(TicketPriority.class);
        for (TicketPriority priority : TicketPriority.values()) {
            JsonObject override = byPriority.containsKey(priority.apiName()) ? byPriority.getJsonObject(priority.apiName()) : JsonValue.EMPTY_JSON_OBJECT;
            targets.put(priority, new SlaTargets(
                    Duration.ofMinutes(override.getInt("first_response_minutes", firstResponseMinutes)),
                    Duration.ofMinutes(override.getInt("next_response_minutes", nextResponseMinutes)),
                    Duration.ofMinutes(override.getInt("resolution_minutes", resolutionMinutes))));
        }
        return targets;
    }

    /**
     * The policy for a ticket, of a workspace's policies in the order they are tried: the first that
     * is not the default, has conditions, and whose conditions all hold; else the default. A policy
     * without conditions that is not the default (say, the one that was the default before) takes no
     * ticket: otherwise it would shadow the default for every ticket.
     */
    static SlaPolicy choose(java.util.List<SlaPolicy> inOrder, Ticket ticket) {
        return inOrder.stream().filter(p -> !p.isDefault() && p.hasConditions() && p.appliesTo(ticket)).findFirst()
                .or(() -> inOrder.stream().filter(SlaPolicy::isDefault).findFirst())
                .orElse(null);
    }

    /** Whether any condition is given (an empty list is no condition). */
    public boolean hasConditions() {
        return parse(conditions).values().stream().anyMatch(v -> v instanceof jakarta.json.JsonArray array && !array.isEmpty());
    }

    /** Every condition given must hold (used for policies that have conditions; see {@link #choose}). */
    public boolean appliesTo(Ticket ticket) {
        JsonObject when = parse(conditions);
        return within(when, "priorities", ticket.priority().apiName())
                && within(when, "category_ids", ticket.categoryId() == null ? null : ticket.categoryId().toString())
                && within(when, "channels", ticket.sourceChannel())
                && within(when, "requester_domains", domainOf(ticket.requester().primaryEmail()))
                && customFieldsMatch(when, ticket.customFields());
    }

    /** Each "custom.key" condition: the ticket's value of that field (or one of them, for a list) is among those given. */
    private static boolean customFieldsMatch(JsonObject when, String customFieldsJson) {
        JsonObject values = null;
        for (String key : when.keySet()) {
            if (!key.startsWith(CUSTOM_FIELD)) {
                continue;
            }
            if (values == null) {
                values = parse(customFieldsJson);
            }
            JsonValue value = values.get(key.substring(CUSTOM_FIELD.length()));
            List<String> actual = value == null || value.getValueType() == JsonValue.ValueType.NULL ? List.of()
                    : value instanceof jakarta.json.JsonArray array ? array.stream().map(SlaPolicy::text).toList() : List.of(text(value));
            if (!actual.isEmpty() ? actual.stream().noneMatch(v -> within(when, key, v)) : !within(when, key, null)) {
                return false;
            }
        }
        return true;
    }

    private static String text(JsonValue value) {
        return value instanceof JsonString s ? s.getString() : value.toString();
    }

    private static boolean within(JsonObject when, String key, String value) {
        if (!when.containsKey(key) || when.isNull(key) || when.getJsonArray(key).isEmpty()) {
            return true;
        }
        List<String> allowed = when.getJsonArray(key).getValuesAs(JsonString.class).stream()
                .map(s -> s.getString().toLowerCase(Locale.ROOT)).toList();
        return value != null && allowed.contains(value.toLowerCase(Locale.ROOT));
    }

    static String domainOf(String email) {
        return email == null || email.indexOf('@') < 0 ? null : email.substring(email.indexOf('@') + 1);
    }

    static JsonObject parse(String json) {
        try (var reader = Jsonp.createReader(new StringReader(json == null || json.isBlank() ? "{}" : json))) {
            return reader.readObject();
        }
    }

    public String name() {
        return name;
    }

    public int position() {
        return position;
    }

    public boolean isDefault() {
        return isDefault;
    }

    public boolean businessHoursOnly() {
        return businessHoursOnly;
    }

    public UUID calendarId() {
        return calendarId;
    }

    public int firstResponseMinutes() {
        return firstResponseMinutes;
    }

    public int nextResponseMinutes() {
        return nextResponseMinutes;
    }

    public int resolutionMinutes() {
        return resolutionMinutes;
    }

    public String overridesJson() {
        return overrides;
    }

    public String conditionsJson() {
        return conditions;
    }

    public int atRiskPercent() {
        return atRiskPercent;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }
}
