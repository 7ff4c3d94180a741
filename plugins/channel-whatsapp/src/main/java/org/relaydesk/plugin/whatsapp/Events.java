package org.relaydesk.plugin.whatsapp;

import jakarta.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.relaydesk.api.channel.InboundMessage;

/**
 * Notifications that are neither a customer's message nor a report on one Relaydesk sent (template
 * reviews, account changes, calls, echoes of messages sent from the WhatsApp app...): an automatic
 * message from "whatsapp" that says what happened, so the host records it (and administrators can
 * read it in the account's log) without opening a conversation.
 */
final class Events {
    static final String SENDER = "whatsapp";
    private static final int MAX_DETAIL = 2000;

    private Events() {
    }

    static InboundMessage describe(String externalId, String field, JsonObject value, Instant at) {
        String text = switch (field) {
            case "message_template_status_update" -> template(value) + " is now " + orNone(Json.text(value, "event"))
                    + reason(Json.text(value, "reason"));
            case "template_category_update" -> template(value) + " changed category from " + orNone(Json.text(value, "previous_category"))
                    + " to " + orNone(Json.text(value, "new_category"));
            case "message_template_quality_update" -> template(value) + " quality is now " + orNone(Json.text(value, "new_quality_score"))
                    + " (was " + orNone(Json.text(value, "previous_quality_score")) + ")";
            case "message_template_components_update" -> template(value) + " had its content changed";
            case "account_update" -> "Account update: " + orNone(Json.text(value, "event"));
            case "smb_message_echoes" -> "A message was sent from the WhatsApp Business app on the phone, outside Relaydesk";
            case "calls" -> "A WhatsApp call event";
            case "user_preferences" -> "A customer changed their marketing message preferences";
            case "messages" -> errors(value);
            default -> "WhatsApp notification \"" + field + "\"";
        };
        String detail = Json.write(value);
        if (detail.length() > MAX_DETAIL) {
            detail = detail.substring(0, MAX_DETAIL) + "…";
        }
        return new InboundMessage(externalId, SENDER, "WhatsApp", "WhatsApp: " + field.replace('_', ' '), text + "\n\n" + detail, null, List.of(),
                at, true, List.of(), Map.of(), null);
    }

    /** "12 Something went wrong: details; …" from Meta's errors array, or null when there are none. */
    static String errorDetail(List<JsonObject> errors) {
        if (errors.isEmpty()) {
            return null;
        }
        StringBuilder text = new StringBuilder();
        for (JsonObject error : errors) {
            if (text.length() > 0) {
                text.append("; ");
            }
            String code = Json.text(error, "code");
            String title = Json.nonBlank(error, "title") != null ? Json.nonBlank(error, "title") : Json.nonBlank(error, "message");
            String details = Json.nonBlank(Json.obj(error, "error_data"), "details");
            text.append(code == null ? "" : code + " ").append(title == null ? "error" : title);
            if (details != null) {
                text.append(": ").append(details);
            }
        }
        return text.toString();
    }

    private static String errors(JsonObject value) {
        String detail = errorDetail(Json.objects(value, "errors"));
        return detail == null ? "A WhatsApp notification without messages" : "WhatsApp reported an error: " + detail;
    }

    private static String template(JsonObject value) {
        return "Template \"" + orNone(Json.text(value, "message_template_name")) + "\" (" + orNone(Json.text(value, "message_template_language")) + ")";
    }

    private static String reason(String reason) {
        return reason == null || reason.isBlank() || "NONE".equals(reason) ? "" : " (" + reason + ")";
    }

    private static String orNone(String value) {
        return value == null ? "?" : value;
    }
}
