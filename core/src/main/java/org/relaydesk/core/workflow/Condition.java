package org.relaydesk.core.workflow;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.relaydesk.api.ticket.TicketPriority;
import org.relaydesk.api.workflow.ActionContext.TicketSnapshot;

/**
 * One test of a rule against a ticket: a field, an operator and a value. Fields: status, priority,
 * channel, subject, description, requester_email, tags, team_id, assignee_id, category_id,
 * custom.&lt;key&gt;, and business_hours (whether it is inside the workspace's business hours now).
 * Text comparisons ignore case.
 */
public record Condition(String field, String operator, String value) {
    /** The operators each kind of field offers (the builder's pickers show exactly these). */
    public static final Map<String, List<String>> OPERATORS = Map.ofEntries(
            Map.entry("status", List.of("is", "is_not", "in")),
            Map.entry("priority", List.of("is", "is_not", "in", "at_least", "at_most")),
            Map.entry("channel", List.of("is", "is_not", "in")),
            Map.entry("subject", List.of("contains", "not_contains", "starts_with", "is")),
            Map.entry("description", List.of("contains", "not_contains")),
            Map.entry("requester_email", List.of("is", "contains", "ends_with")),
            Map.entry("tags", List.of("has", "has_not")),
            Map.entry("team_id", List.of("is", "is_not", "is_set", "not_set")),
            Map.entry("assignee_id", List.of("is", "is_not", "is_set", "not_set")),
            Map.entry("category_id", List.of("is", "is_not", "is_set", "not_set")),
            Map.entry("custom", List.of("is", "is_not", "contains", "is_set", "not_set")),
            Map.entry("business_hours", List.of("is")));

    public Condition {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(operator, "operator");
    }

    /** The key of {@link #OPERATORS} for this condition's field ("custom.order" → "custom"). */
    public String kind() {
        return field.startsWith("custom.") ? "custom" : field;
    }

    /** Why the condition cannot be used, or null when it can. */
    public String problem() {
        List<String> operators = OPERATORS.get(kind());
        if (operators == null || field.equals("custom.")) {
            return "'" + field + "' is not a field a rule can test";
        }
        if (!operators.contains(operator)) {
            return "'" + operator + "' cannot be used with " + field + " (" + String.join(", ", operators) + ")";
        }
        boolean needsValue = !operator.equals("is_set") && !operator.equals("not_set");
        if (needsValue && (value == null || value.isBlank())) {
            return field + " " + operator + " needs a value";
        }
        if (kind().equals("priority") && needsValue && values().stream().anyMatch(v -> TicketPriority.fromApiName(v).isEmpty())) {
            return "'" + value + "' is not a priority";
        }
        return null;
    }

    boolean holds(TicketSnapshot ticket, BooleanSupplier withinBusinessHours) {
        return switch (kind()) {
            case "status" -> compare(ticket.status().apiName());
            case "priority" -> comparePriority(ticket.priority());
            case "channel" -> compare(ticket.channel());
            case "subject" -> compare(ticket.subject());
            case "description" -> compare(ticket.description());
            case "requester_email" -> compare(ticket.requesterEmail());
            case "tags" -> operator.equals("has") == lower(ticket.tags()).contains(lower(value));
            case "team_id" -> compare(ticket.teamId() == null ? null : ticket.teamId().toString());
            case "assignee_id" -> compare(ticket.assigneeId() == null ? null : ticket.assigneeId().toString());
            case "category_id" -> compare(ticket.categoryId() == null ? null : ticket.categoryId().toString());
            case "custom" -> compare(ticket.customFields().get(field.substring("custom.".length())));
            case "business_hours" -> Boolean.parseBoolean(value) == withinBusinessHours.getAsBoolean();
            default -> false;
        };
    }

    private boolean compare(String actual) {
        String a = actual == null ? null : lower(actual);
        String v = value == null ? "" : lower(value);
        return switch (operator) {
            case "is" -> v.equals(a);
            case "is_not" -> !v.equals(a);
            case "in" -> a != null && values().contains(a);
            case "contains" -> a != null && a.contains(v);
            case "not_contains" -> a == null || !a.contains(v);
            case "starts_with" -> a != null && a.startsWith(v);
            case "ends_with" -> a != null && a.endsWith(v);
            case "is_set" -> a != null && !a.isBlank();
            case "not_set" -> a == null || a.isBlank();
            default -> false;
        };
    }

    private boolean comparePriority(TicketPriority actual) {
        return switch (operator) {
            case "at_least" -> TicketPriority.fromApiName(value).map(p -> actual.rank() >= p.rank()).orElse(false);
            case "at_most" -> TicketPriority.fromApiName(value).map(p -> actual.rank() <= p.rank()).orElse(false);
            default -> compare(actual.apiName());
        };
    }

    private List<String> values() {
        return value == null ? List.of() : java.util.Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .map(Condition::lower).toList();
    }

    private static String lower(String text) {
        return text.toLowerCase(Locale.ROOT);
    }

    private static Set<String> lower(Set<String> texts) {
        return texts.stream().map(Condition::lower).collect(Collectors.toSet());
    }
}
