package org.relaydesk.plugin.whatsapp;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.relaydesk.api.channel.ChannelException;
import org.relaydesk.api.channel.ChannelException.Failure;
import org.relaydesk.api.channel.InteractiveChoices;
import org.relaydesk.api.channel.TemplateMessage;

/**
 * The bodies of {@code POST /{phone-number-id}/messages}, shaped as Meta documents them, with
 * WhatsApp's limits checked first: a message WhatsApp would refuse is refused here, for good, with
 * the reason in words an agent understands.
 */
final class OutgoingMessages {
    static final int TEXT_LIMIT = 4096;
    static final int CAPTION_LIMIT = 1024;
    static final int MAX_BUTTONS = 3;
    static final int BUTTON_TITLE_LIMIT = 20;
    static final int MAX_ROWS = 10;
    static final int ROW_TITLE_LIMIT = 24;
    static final int ROW_DESCRIPTION_LIMIT = 72;
    static final int SECTION_TITLE_LIMIT = 24;
    static final int HEADER_LIMIT = 60;
    static final int FOOTER_LIMIT = 60;
    private static final Pattern LINK = Pattern.compile("(?i)\\bhttps?://\\S+");
    private static final Pattern KEY = Pattern.compile("(header|body)\\.([A-Za-z0-9_]+)|button\\.(\\d{1,2})\\.(\\d{1,2})");

    private OutgoingMessages() {
    }

    /** The recipient as WhatsApp takes it: the wa_id's digits ("+" and spacing left out). */
    static String recipient(String address) throws ChannelException {
        String digits = address == null ? "" : address.replaceAll("[\\s().-]", "");
        if (digits.startsWith("+")) {
            digits = digits.substring(1);
        }
        if (!digits.matches("\\d{6,20}")) {
            throw refused("\"" + address + "\" is not a WhatsApp number (the digits of a phone number in international format)");
        }
        return digits;
    }

    static JsonObject text(String to, String body, String replyTo) throws ChannelException {
        if (body == null || body.isBlank()) {
            throw refused("the message has no text");
        }
        if (body.length() > TEXT_LIMIT) {
            throw refused("a WhatsApp text is at most " + TEXT_LIMIT + " characters");
        }
        return envelope(to, "text", replyTo).add("text", Json.builder().add("preview_url", LINK.matcher(body).find()).add("body", body)).build();
    }

    /** A file uploaded before ({@code mediaId}), as image, video, audio, sticker or document. */
    static JsonObject media(String to, String type, String mediaId, String caption, String filename, String replyTo) {
        JsonObjectBuilder media = Json.builder().add("id", mediaId);
        if (caption != null && !caption.isBlank() && takesCaption(type)) {
            media.add("caption", caption);
        }
        if ("document".equals(type) && filename != null) {
            media.add("filename", filename);
        }
        return envelope(to, type, replyTo).add(type, media).build();
    }

    static boolean takesCaption(String type) {
        return "image".equals(type) || "video".equals(type) || "document".equals(type);
    }

    static JsonObject interactive(String to, String body, InteractiveChoices choices, String replyTo) throws ChannelException {
        if (body == null || body.isBlank()) {
            throw refused("buttons and lists need a message text to go with them");
        }
        if (body.length() > CAPTION_LIMIT) {
            throw refused("the text of a message with buttons or a list is at most " + CAPTION_LIMIT + " characters");
        }
        JsonObjectBuilder interactive = Json.builder().add("type", choices.isList() ? "list" : "button");
        if (choices.header() != null && !choices.header().isBlank()) {
            limit("the header", choices.header(), HEADER_LIMIT);
            interactive.add("header", Json.builder().add("type", "text").add("text", choices.header()));
        }
        interactive.add("body", Json.builder().add("text", body));
        if (choices.footer() != null && !choices.footer().isBlank()) {
            limit("the footer", choices.footer(), FOOTER_LIMIT);
            interactive.add("footer", Json.builder().add("text", choices.footer()));
        }
        interactive.add("action", choices.isList() ? list(choices) : buttons(choices));
        return envelope(to, "interactive", replyTo).add("interactive", interactive).build();
    }

    private static JsonObjectBuilder buttons(InteractiveChoices choices) throws ChannelException {
        if (choices.choices().size() > MAX_BUTTONS) {
            throw refused("WhatsApp shows at most " + MAX_BUTTONS + " quick-reply buttons (use a list for more choices)");
        }
        JsonArrayBuilder buttons = Json.array();
        for (InteractiveChoices.Choice choice : choices.choices()) {
            limit("a button's title (\"" + choice.title() + "\")", choice.title(), BUTTON_TITLE_LIMIT);
            limit("a button's id", choice.id(), 256);
            buttons.add(Json.builder().add("type", "reply").add("reply", Json.builder().add("id", choice.id()).add("title", choice.title())));
        }
        return Json.builder().add("buttons", buttons);
    }

    private static JsonObjectBuilder list(InteractiveChoices choices) throws ChannelException {
        if (choices.choices().size() > MAX_ROWS) {
            throw refused("a WhatsApp list holds at most " + MAX_ROWS + " choices");
        }
        limit("the list's button", choices.listButton(), BUTTON_TITLE_LIMIT);
        boolean sectioned = choices.choices().stream().anyMatch(c -> c.section() != null && !c.section().isBlank());
        Map<String, List<InteractiveChoices.Choice>> sections = new LinkedHashMap<>();
        for (InteractiveChoices.Choice choice : choices.choices()) {
            String section = !sectioned ? "" : choice.section() == null || choice.section().isBlank() ? "Other" : choice.section();
            sections.computeIfAbsent(section, k -> new ArrayList<>()).add(choice);
        }
        JsonArrayBuilder array = Json.array();
        for (Map.Entry<String, List<InteractiveChoices.Choice>> section : sections.entrySet()) {
            JsonArrayBuilder rows = Json.array();
            for (InteractiveChoices.Choice choice : section.getValue()) {
                limit("a choice's title (\"" + choice.title() + "\")", choice.title(), ROW_TITLE_LIMIT);
                limit("a choice's id", choice.id(), 200);
                JsonObjectBuilder row = Json.builder().add("id", choice.id()).add("title", choice.title());
                if (choice.description() != null && !choice.description().isBlank()) {
                    limit("a choice's description", choice.description(), ROW_DESCRIPTION_LIMIT);
                    row.add("description", choice.description());
                }
                rows.add(row);
            }
            JsonObjectBuilder built = Json.builder();
            if (!section.getKey().isEmpty()) {
                limit("a section's title (\"" + section.getKey() + "\")", section.getKey(), SECTION_TITLE_LIMIT);
                built.add("title", section.getKey());
            }
            array.add(built.add("rows", rows));
        }
        return Json.builder().add("button", choices.listButton()).add("sections", array);
    }

    /**
     * A template by name and language, its parameters from the values' keys: "header.1" and
     * "body.1" by position, "body.customer_name" by name (Meta's named parameters), "button.0.1" the
     * first parameter of the URL of button 0.
     */
    static JsonObject template(String to, TemplateMessage template, String replyTo) throws ChannelException {
        Map<String, TreeMap<String, String>> parts = new LinkedHashMap<>();
        parts.put("header", new TreeMap<>(OutgoingMessages::byPosition));
        parts.put("body", new TreeMap<>(OutgoingMessages::byPosition));
        TreeMap<Integer, TreeMap<String, String>> buttons = new TreeMap<>();
        for (Map.Entry<String, String> value : template.values().entrySet()) {
            Matcher key = KEY.matcher(value.getKey());
            if (!key.matches()) {
                throw refused("the template value \"" + value.getKey() + "\" is not header.N, body.N, body.name or button.I.N");
            }
            if (key.group(1) != null) {
                parts.get(key.group(1)).put(key.group(2), value.getValue());
            } else {
                buttons.computeIfAbsent(Integer.parseInt(key.group(3)), k -> new TreeMap<>(OutgoingMessages::byPosition)).put(key.group(4),
                        value.getValue());
            }
        }
        JsonArrayBuilder components = Json.array();
        int count = 0;
        for (Map.Entry<String, TreeMap<String, String>> part : parts.entrySet()) {
            if (!part.getValue().isEmpty()) {
                components.add(Json.builder().add("type", part.getKey()).add("parameters", parameters(part.getValue())));
                count++;
            }
        }
        for (Map.Entry<Integer, TreeMap<String, String>> button : buttons.entrySet()) {
            components.add(Json.builder().add("type", "button").add("sub_type", "url").add("index", String.valueOf(button.getKey()))
                    .add("parameters", parameters(button.getValue())));
            count++;
        }
        JsonObjectBuilder body = Json.builder().add("name", template.name()).add("language", Json.builder().add("code", template.language()));
        if (count > 0) {
            body.add("components", components);
        }
        return envelope(to, "template", replyTo).add("template", body).build();
    }

    private static JsonArrayBuilder parameters(TreeMap<String, String> values) throws ChannelException {
        JsonArrayBuilder parameters = Json.array();
        for (Map.Entry<String, String> value : values.entrySet()) {
            if (value.getValue() == null || value.getValue().isBlank()) {
                throw refused("the template's variable " + value.getKey() + " has no value (WhatsApp refuses empty parameters)");
            }
            JsonObjectBuilder parameter = Json.builder().add("type", "text");
            if (!value.getKey().matches("\\d+")) {
                parameter.add("parameter_name", value.getKey());
            }
            parameters.add(parameter.add("text", value.getValue()));
        }
        return parameters;
    }

    /** Positions in number order (2 before 10), names after them in name order. */
    private static int byPosition(String a, String b) {
        boolean na = a.matches("\\d+");
        boolean nb = b.matches("\\d+");
        if (na && nb) {
            return Integer.compare(Integer.parseInt(a), Integer.parseInt(b));
        }
        return na != nb ? (na ? -1 : 1) : a.compareTo(b);
    }

    private static JsonObjectBuilder envelope(String to, String type, String replyTo) {
        JsonObjectBuilder envelope = Json.builder().add("messaging_product", "whatsapp").add("recipient_type", "individual").add("to", to)
                .add("type", type);
        if (replyTo != null && !replyTo.isBlank()) {
            envelope.add("context", Json.builder().add("message_id", replyTo));
        }
        return envelope;
    }

    private static void limit(String what, String value, int max) throws ChannelException {
        if (value == null || value.isBlank()) {
            throw refused(what + " is empty");
        }
        if (value.length() > max) {
            throw refused(what + " is longer than WhatsApp's " + max + " characters");
        }
    }

    static ChannelException refused(String why) {
        return new ChannelException(Failure.REFUSED, "WhatsApp cannot send this: " + why, null);
    }
}
