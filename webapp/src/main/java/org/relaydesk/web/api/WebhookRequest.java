package org.relaydesk.web.api;

import jakarta.json.JsonObject;
import java.util.Set;
import java.util.stream.Collectors;
import org.relaydesk.core.error.InvalidInputException;
import org.relaydesk.core.webhook.WebhookFilter;
import org.relaydesk.core.webhook.WebhookInput;

/**
 * A webhook as the API takes it (snake_case). On a change, fields left out keep their value;
 * {@code "filter": null} removes the filter. The service checks the rest (the URL's address, events,
 * that teams and categories exist).
 */
public record WebhookRequest(String url, String description, Set<String> events, WebhookFilter filter, Boolean active, String secret) {

    static WebhookRequest from(Body body, boolean creating) {
        WebhookFilter filter = null;
        if (body.has("filter")) {
            JsonObject object = body.nested("filter");
            filter = object == null ? WebhookFilter.NONE : filter(object);
        } else if (creating) {
            filter = WebhookFilter.NONE;
        }
        return new WebhookRequest(body.string("url"), body.string("description"), body.strings("events"), filter, body.bool("active"),
                body.string("secret"));
    }

    private static WebhookFilter filter(JsonObject object) {
        Set<String> known = Set.of("priorities", "channels", "team_ids", "category_ids", "tags");
        for (String key : object.keySet()) {
            if (!known.contains(key)) {
                throw new InvalidInputException("filter", "unknown list \"" + (key.length() > 40 ? key.substring(0, 40) : key) + "\"; known: "
                        + String.join(", ", new java.util.TreeSet<>(known)));
            }
        }
        Body lists = new Body(object);
        try {
            return new WebhookFilter(orEmpty(lists.strings("priorities")), orEmpty(lists.strings("channels")), Set.copyOf(lists.ids("team_ids")),
                    Set.copyOf(lists.ids("category_ids")), orEmpty(lists.strings("tags")).stream().map(String::strip).collect(Collectors.toSet()));
        } catch (InvalidInputException e) {
            // named as the client wrote them: filter.team_ids
            java.util.Map<String, String> named = new java.util.LinkedHashMap<>();
            e.fieldErrors().forEach((field, message) -> named.put("filter." + field, message));
            throw new InvalidInputException(named);
        }
    }

    private static Set<String> orEmpty(Set<String> values) {
        return values == null ? Set.of() : values;
    }

    /** The service checks every field (lengths too): constraint annotations on a record's components break Payara's OpenAPI scan. */
    WebhookInput input() {
        return new WebhookInput(url, description, events, filter, active, secret);
    }
}
