package org.relaydesk.plugin.whatsapp;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.relaydesk.api.channel.ChannelException;
import org.relaydesk.api.channel.MessageTemplate;
import org.relaydesk.api.channel.MessageTemplate.Approval;
import org.relaydesk.api.channel.MessageTemplate.Variable;

/**
 * The business account's message templates, page by page, with their approval and variables:
 * {@code {{1}}} positional or {@code {{order_id}}} named placeholders in the header and body, and the
 * {@code {{1}}} of a URL button, each with Meta's sample value.
 */
final class TemplateCatalog {
    static final String FIELDS = "name,language,status,category,components,rejected_reason";
    /** A business has at most a few thousand templates; 100 per page, so this is a bound against a paging loop, not a limit. */
    static final int MAX_PAGES = 100;
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([A-Za-z0-9_]+)\\s*}}");
    private static final Logger LOG = Logger.getLogger(TemplateCatalog.class.getName());
    private final Graph graph;

    TemplateCatalog(Graph graph) {
        this.graph = graph;
    }

    List<MessageTemplate> list() throws ChannelException {
        WhatsAppSettings settings = graph.settings();
        String url = settings.graph(settings.businessAccountId() + "/message_templates?fields=" + FIELDS + "&limit=100");
        List<MessageTemplate> templates = new ArrayList<>();
        Set<String> visited = new HashSet<>();
        for (int page = 0; url != null && page < MAX_PAGES && visited.add(url); page++) {
            JsonObject answer = graph.getUrl(url, "the list of message templates");
            for (JsonObject item : Json.objects(answer, "data")) {
                MessageTemplate template = template(item);
                if (template != null) {
                    templates.add(template);
                }
            }
            String next = Json.nonBlank(Json.obj(answer, "paging"), "next");
            if (next != null && !settings.onGraphHost(next)) {
                // the token goes with every page: never to another host
                LOG.warning("The template list's next page is not on the Graph API's host; the list stops at " + templates.size());
                next = null;
            }
            url = next;
        }
        return templates;
    }

    static MessageTemplate template(JsonObject item) {
        String name = Json.nonBlank(item, "name");
        String language = Json.nonBlank(item, "language");
        if (name == null || language == null) {
            return null;
        }
        String header = null;
        String body = null;
        String footer = null;
        List<String> buttons = new ArrayList<>();
        Map<String, Variable> variables = new LinkedHashMap<>();
        for (JsonObject component : Json.objects(item, "components")) {
            String type = String.valueOf(Json.text(component, "type")).toUpperCase(Locale.ROOT);
            JsonObject example = Json.obj(component, "example");
            switch (type) {
                case "HEADER" -> {
                    String format = Json.nonBlank(component, "format");
                    if (format == null || "TEXT".equalsIgnoreCase(format)) {
                        header = Json.text(component, "text");
                        variables(header, "header", "Header", flat(example, "header_text"), named(example, "header_text_named_params"), variables);
                    } else {
                        header = "[" + format.toUpperCase(Locale.ROOT) + "]";
                    }
                }
                case "BODY" -> {
                    body = Json.text(component, "text");
                    List<String> positional = new ArrayList<>();
                    var rows = Json.arr(example, "body_text");
                    if (rows != null && !rows.isEmpty() && rows.get(0) instanceof jakarta.json.JsonArray first) {
                        first.forEach(v -> positional.add(v instanceof JsonString s ? s.getString() : v.toString()));
                    }
                    variables(body, "body", "Body", positional, named(example, "body_text_named_params"), variables);
                }
                case "FOOTER" -> footer = Json.text(component, "text");
                case "BUTTONS" -> {
                    List<JsonObject> list = Json.objects(component, "buttons");
                    for (int i = 0; i < list.size(); i++) {
                        JsonObject button = list.get(i);
                        String text = Json.nonBlank(button, "text");
                        buttons.add(text == null ? String.valueOf(Json.text(button, "type")) : text);
                        String url = Json.text(button, "url");
                        if ("URL".equalsIgnoreCase(Json.text(button, "type")) && url != null && PLACEHOLDER.matcher(url).find()) {
                            List<String> samples = new ArrayList<>();
                            var given = Json.arr(button, "example");
                            if (given != null) {
                                given.forEach(v -> samples.add(v instanceof JsonString s ? s.getString() : v.toString()));
                            }
                            String key = "button." + i + ".1";
                            variables.put(key, new Variable(key, "Link of button \"" + text + "\"", samples.isEmpty() ? null : samples.get(0)));
                        }
                    }
                }
                default -> {
                    // carousels, limited-time offers: shown as their type, not filled in
                }
            }
        }
        String reason = Json.nonBlank(item, "rejected_reason");
        return new MessageTemplate(name, language, Json.text(item, "category"), approval(Json.text(item, "status")), header, body, footer, buttons,
                List.copyOf(variables.values()), reason == null || "NONE".equals(reason) ? null : reason);
    }

    static Approval approval(String status) {
        if (status == null) {
            return Approval.OTHER;
        }
        return switch (status.toUpperCase(Locale.ROOT)) {
            case "APPROVED" -> Approval.APPROVED;
            case "PENDING", "IN_APPEAL" -> Approval.PENDING;
            case "REJECTED" -> Approval.REJECTED;
            case "PAUSED" -> Approval.PAUSED;
            case "DISABLED" -> Approval.DISABLED;
            default -> Approval.OTHER;
        };
    }

    private static void variables(String text, String part, String label, List<String> positional, Map<String, String> named,
            Map<String, Variable> into) {
        if (text == null) {
            return;
        }
        Matcher placeholder = PLACEHOLDER.matcher(text);
        while (placeholder.find()) {
            String key = placeholder.group(1);
            String example;
            if (key.matches("\\d+")) {
                int index = Integer.parseInt(key) - 1;
                example = index >= 0 && index < positional.size() ? positional.get(index) : null;
            } else {
                example = named.get(key);
            }
            into.putIfAbsent(part + "." + key, new Variable(part + "." + key, label + " {{" + key + "}}", example));
        }
    }

    private static List<String> flat(JsonObject example, String key) {
        List<String> values = new ArrayList<>();
        var array = Json.arr(example, key);
        if (array != null) {
            for (JsonValue value : array) {
                values.add(value instanceof JsonString s ? s.getString() : value.toString());
            }
        }
        return values;
    }

    private static Map<String, String> named(JsonObject example, String key) {
        Map<String, String> values = new LinkedHashMap<>();
        for (JsonObject parameter : Json.objects(example, key)) {
            if (Json.nonBlank(parameter, "param_name") != null) {
                values.put(Json.nonBlank(parameter, "param_name"), Json.text(parameter, "example"));
            }
        }
        return values;
    }
}
