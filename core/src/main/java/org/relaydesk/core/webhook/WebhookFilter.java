package org.relaydesk.core.webhook;

import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import org.relaydesk.core.text.Jsonp;
import org.relaydesk.core.ticket.Ticket;

/**
 * Which tickets a webhook hears of: each list that is not empty must contain the ticket's value
 * (a priority, a source channel, a team, a category; tags: any of them). Events that are not about
 * a ticket (contacts, articles) pass. Empty lists: every ticket.
 */
public record WebhookFilter(Set<String> priorities, Set<String> channels, Set<UUID> teamIds, Set<UUID> categoryIds, Set<String> tags) {
    public static final WebhookFilter NONE = new WebhookFilter(Set.of(), Set.of(), Set.of(), Set.of(), Set.of());

    public WebhookFilter {
        priorities = Set.copyOf(priorities == null ? Set.of() : priorities);
        channels = Set.copyOf(channels == null ? Set.of() : channels);
        teamIds = Set.copyOf(teamIds == null ? Set.of() : teamIds);
        categoryIds = Set.copyOf(categoryIds == null ? Set.of() : categoryIds);
        tags = Set.copyOf(tags == null ? Set.of() : tags);
    }

    public boolean isEmpty() {
        return priorities.isEmpty() && channels.isEmpty() && teamIds.isEmpty() && categoryIds.isEmpty() && tags.isEmpty();
    }

    public boolean matches(Ticket ticket) {
        if (ticket == null) {
            return true;
        }
        return (priorities.isEmpty() || priorities.contains(ticket.priority().apiName()))
                && (channels.isEmpty() || channels.contains(ticket.sourceChannel()))
                && (teamIds.isEmpty() || teamIds.contains(ticket.teamId()))
                && (categoryIds.isEmpty() || categoryIds.contains(ticket.categoryId()))
                && (tags.isEmpty() || ticket.tags().stream().anyMatch(tags::contains));
    }

    /** The non-empty lists, by their API names, sorted (stable for storage and display). */
    public Map<String, Collection<String>> lists() {
        Map<String, Collection<String>> lists = new LinkedHashMap<>();
        put(lists, "priorities", priorities);
        put(lists, "channels", channels);
        put(lists, "team_ids", teamIds.stream().map(UUID::toString).collect(Collectors.toSet()));
        put(lists, "category_ids", categoryIds.stream().map(UUID::toString).collect(Collectors.toSet()));
        put(lists, "tags", tags);
        return lists;
    }

    private static void put(Map<String, Collection<String>> lists, String name, Collection<String> values) {
        if (!values.isEmpty()) {
            lists.put(name, new TreeSet<>(values));
        }
    }

    public JsonObject toJsonObject() {
        JsonObjectBuilder object = Jsonp.createObjectBuilder();
        lists().forEach((name, values) -> {
            JsonArrayBuilder array = Jsonp.createArrayBuilder();
            values.forEach(array::add);
            object.add(name, array);
        });
        return object.build();
    }

    String toJson() {
        return toJsonObject().toString();
    }

    static WebhookFilter fromJson(String json) {
        try (var reader = Jsonp.createReader(json)) {
            JsonObject object = reader.readObject();
            return new WebhookFilter(strings(object, "priorities"), strings(object, "channels"), ids(object, "team_ids"), ids(object, "category_ids"),
                    strings(object, "tags"));
        }
    }

    private static Set<String> strings(JsonObject object, String name) {
        JsonArray array = object.getJsonArray(name);
        return array == null ? Set.of() : array.getValuesAs(JsonString.class).stream().map(JsonString::getString).collect(Collectors.toSet());
    }

    private static Set<UUID> ids(JsonObject object, String name) {
        return strings(object, name).stream().map(UUID::fromString).collect(Collectors.toSet());
    }
}
