package org.relaydesk.web.api;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.relaydesk.api.assist.NextAction;
import org.relaydesk.core.error.InvalidInputException;

/**
 * A next action as the API takes it: {@code kind} (request_info, escalate, follow_up, update_contact,
 * create_task, send_article, set_fields, close_with_checklist), {@code arguments} (strings, as the
 * suggestion gave them or changed), and optionally the {@code suggestion_id} it came from (whether
 * the agent changed it is worked out from the suggestion). At most 20 arguments of at most 10,000
 * characters each.
 */
public record AssistActionRequest(NextAction.Kind kind, Map<String, String> arguments, UUID suggestionId) {
    static final int MAX_ARGUMENTS = 20;
    static final int MAX_VALUE = 10_000;

    static AssistActionRequest from(Body body) {
        String kindName = body.string("kind");
        NextAction.Kind kind = kindName == null ? null : Arrays.stream(NextAction.Kind.values())
                .filter(k -> k.name().equalsIgnoreCase(kindName.strip())).findFirst()
                .orElseThrow(() -> new InvalidInputException("kind", "must be one of " + kinds()));
        if (kind == null) {
            throw new InvalidInputException("kind", "is required: one of " + kinds());
        }
        Map<String, String> arguments = new LinkedHashMap<>();
        JsonObject given = body.nested("arguments");
        if (given != null) {
            if (given.size() > MAX_ARGUMENTS) {
                throw new InvalidInputException("arguments", "has more than " + MAX_ARGUMENTS + " entries");
            }
            for (Map.Entry<String, JsonValue> entry : given.entrySet()) {
                if (!(entry.getValue() instanceof JsonString text) || text.getString().length() > MAX_VALUE) {
                    throw new InvalidInputException("arguments." + cut(entry.getKey()), "must be a string of at most " + MAX_VALUE + " characters");
                }
                arguments.put(entry.getKey(), text.getString());
            }
        }
        String suggestion = body.string("suggestion_id");
        UUID suggestionId = Params.optionalId(suggestion, "suggestion_id");
        return new AssistActionRequest(kind, arguments, suggestionId);
    }

    private static String kinds() {
        return String.join(", ", Arrays.stream(NextAction.Kind.values()).map(k -> k.name().toLowerCase(Locale.ROOT)).toList());
    }

    private static String cut(String key) {
        return key.length() > 40 ? key.substring(0, 40) : key;
    }
}
