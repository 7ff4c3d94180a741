package org.relaydesk.core.ticket;

import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.UUID;
import org.relaydesk.api.channel.InteractiveChoices;
import org.relaydesk.core.text.Jsonp;

/**
 * What a public reply may carry besides its text on a messaging channel: {@code choices} (buttons or
 * a list the customer answers with; only through a channel that can show them) and {@code replyTo},
 * the id of a message on the same ticket it answers (shown quoted where the channel can). Kept in the
 * outbox entry as JSON until the deliverer sends it.
 */
public record ReplyExtras(InteractiveChoices choices, UUID replyTo) {
    public static final ReplyExtras NONE = new ReplyExtras(null, null);

    public boolean isEmpty() {
        return choices == null && replyTo == null;
    }

    /** {"header", "footer", "list_button", "choices": [{"id", "title", "description", "section"}]} */
    public static JsonObject toJson(InteractiveChoices choices) {
        JsonObjectBuilder json = Jsonp.createObjectBuilder();
        add(json, "header", choices.header());
        add(json, "footer", choices.footer());
        add(json, "list_button", choices.listButton());
        var list = Jsonp.createArrayBuilder();
        for (InteractiveChoices.Choice choice : choices.choices()) {
            JsonObjectBuilder one = Jsonp.createObjectBuilder().add("id", choice.id()).add("title", choice.title());
            add(one, "description", choice.description());
            add(one, "section", choice.section());
            list.add(one);
        }
        return json.add("choices", list).build();
    }

    public static InteractiveChoices choicesFrom(JsonObject json) {
        var choices = json.getJsonArray("choices").getValuesAs(JsonObject.class).stream()
                .map(c -> new InteractiveChoices.Choice(c.getString("id"), c.getString("title"), text(c, "description"), text(c, "section"))).toList();
        return new InteractiveChoices(text(json, "header"), text(json, "footer"), text(json, "list_button"), choices);
    }

    private static void add(JsonObjectBuilder json, String name, String value) {
        if (value != null) {
            json.add(name, value);
        }
    }

    private static String text(JsonObject json, String name) {
        JsonValue value = json.get(name);
        return value instanceof JsonString s ? s.getString() : null;
    }
}
