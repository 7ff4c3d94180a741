package org.relaydesk.core.workflow;

import org.relaydesk.core.text.Jsonp;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A rule's conditions and steps in the shapes the API, the builder and the database share. */
public record RuleDefinition(Conditions conditions, List<Step> steps) {
    /** One action with its arguments. */
    public record Step(String action, Map<String, String> arguments) {
        public Step {
            arguments = arguments == null ? Map.of() : Map.copyOf(arguments);
        }
    }

    /** {"match": "all"|"any", "items": [{"field", "operator", "value"}]}; throws IllegalArgumentException naming the problem. */
    public static Conditions conditions(JsonObject json) {
        if (json == null) {
            return new Conditions(true, List.of());
        }
        String match = json.getString("match", "all");
        if (!match.equals("all") && !match.equals("any")) {
            throw new IllegalArgumentException("conditions.match is all or any");
        }
        List<Condition> items = new ArrayList<>();
        JsonValue list = json.get("items");
        if (list != null && list.getValueType() != JsonValue.ValueType.NULL) {
            if (!(list instanceof JsonArray array)) {
                throw new IllegalArgumentException("conditions.items must be an array");
            }
            for (JsonValue item : array) {
                if (!(item instanceof JsonObject c) || !(c.get("field") instanceof JsonString) || !(c.get("operator") instanceof JsonString)) {
                    throw new IllegalArgumentException("each condition is {\"field\": ..., \"operator\": ..., \"value\": ...}");
                }
                JsonValue value = c.get("value");
                items.add(new Condition(c.getString("field"), c.getString("operator"),
                        value == null || value.getValueType() == JsonValue.ValueType.NULL ? null
                                : value instanceof JsonString s ? s.getString() : value.toString()));
            }
        }
        return new Conditions(match.equals("all"), items);
    }

    /** [{"action": "...", "arguments": {...}}] */
    public static List<Step> steps(JsonArray json) {
        List<Step> steps = new ArrayList<>();
        if (json == null) {
            return steps;
        }
        for (JsonValue item : json) {
            if (!(item instanceof JsonObject s) || !(s.get("action") instanceof JsonString)) {
                throw new IllegalArgumentException("each action is {\"action\": ..., \"arguments\": {...}}");
            }
            Map<String, String> arguments = new LinkedHashMap<>();
            JsonValue given = s.get("arguments");
            if (given instanceof JsonObject object) {
                object.forEach((k, v) -> arguments.put(k, v instanceof JsonString str ? str.getString() : v.toString()));
            } else if (given != null && given.getValueType() != JsonValue.ValueType.NULL) {
                throw new IllegalArgumentException("arguments of " + s.getString("action") + " must be an object");
            }
            steps.add(new Step(s.getString("action"), arguments));
        }
        return steps;
    }

    public static RuleDefinition of(WorkflowRule rule) {
        return new RuleDefinition(conditions(read(rule.conditionsJson()).asJsonObject()), steps(read(rule.actionsJson()).asJsonArray()));
    }

    String conditionsJson() {
        JsonArrayBuilder items = Jsonp.createArrayBuilder();
        conditions.conditions().forEach(c -> {
            JsonObjectBuilder item = Jsonp.createObjectBuilder().add("field", c.field()).add("operator", c.operator());
            if (c.value() != null) {
                item.add("value", c.value());
            }
            items.add(item);
        });
        return Jsonp.createObjectBuilder().add("match", conditions.matchAll() ? "all" : "any").add("items", items).build().toString();
    }

    String stepsJson() {
        JsonArrayBuilder list = Jsonp.createArrayBuilder();
        steps.forEach(s -> {
            JsonObjectBuilder arguments = Jsonp.createObjectBuilder();
            s.arguments().forEach(arguments::add);
            list.add(Jsonp.createObjectBuilder().add("action", s.action()).add("arguments", arguments));
        });
        return list.build().toString();
    }

    /** Parses stored JSON (always written by this class, so well-formed). */
    public static JsonValue read(String json) {
        try (var reader = Jsonp.createReader(new StringReader(json))) {
            return reader.readValue();
        }
    }
}
