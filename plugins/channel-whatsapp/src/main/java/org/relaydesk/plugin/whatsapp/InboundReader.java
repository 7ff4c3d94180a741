package org.relaydesk.plugin.whatsapp;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.relaydesk.api.channel.ChannelException;
import org.relaydesk.api.channel.DeliveryReceipt;
import org.relaydesk.api.channel.InboundAttachment;
import org.relaydesk.api.channel.InboundMessage;
import org.relaydesk.api.channel.RawMessage;

/**
 * Reads one stored webhook item (see {@link Webhook#split}) into what an agent sees: a customer's
 * message with its text, files and the message it answers; a delivery report on a message
 * Relaydesk sent; or a described event. Every kind of message WhatsApp sends is read; a kind this
 * code does not know still arrives, marked as unsupported, never dropped.
 */
final class InboundReader {
    private final MediaFetcher media;

    InboundReader(MediaFetcher media) {
        this.media = media;
    }

    InboundMessage read(RawMessage raw) throws ChannelException {
        JsonObject item = Json.object(raw.content());
        if (item == null) {
            throw new ChannelException("Not a stored WhatsApp notification (not JSON): " + raw.externalId());
        }
        if (Json.obj(item, "message") != null) {
            return message(item, raw);
        }
        if (Json.obj(item, "status") != null) {
            return status(item, raw);
        }
        JsonObject value = Json.obj(item, "value");
        String field = Json.nonBlank(item, "field");
        if (value != null && field != null) {
            return Events.describe(raw.externalId(), field, value, raw.receivedAt());
        }
        throw new ChannelException("Not a stored WhatsApp notification (no message, status or event): " + raw.externalId());
    }

    private InboundMessage status(JsonObject item, RawMessage raw) throws ChannelException {
        JsonObject status = Json.obj(item, "status");
        String id = Json.nonBlank(status, "id");
        String state = Json.nonBlank(status, "status");
        if (id == null || state == null) {
            throw new ChannelException("A WhatsApp status without an id or state: " + raw.externalId());
        }
        Instant at = instant(status, raw);
        String recipient = Json.nonBlank(status, "recipient_id") == null ? Events.SENDER : Json.nonBlank(status, "recipient_id");
        DeliveryReceipt.Status reported = switch (state.toLowerCase(Locale.ROOT)) {
            case "sent" -> DeliveryReceipt.Status.SENT;
            case "delivered" -> DeliveryReceipt.Status.DELIVERED;
            case "read", "played" -> DeliveryReceipt.Status.READ; // "played": a voice message listened to
            case "failed" -> DeliveryReceipt.Status.FAILED;
            default -> null;
        };
        if (reported == null) {
            return Events.describe(raw.externalId(), "status " + state, status, at);
        }
        String detail = Events.errorDetail(Json.objects(status, "errors"));
        return InboundMessage.receiptOnly("status:" + id + ":" + state.toLowerCase(Locale.ROOT), recipient, at,
                new DeliveryReceipt(id, reported, detail));
    }

    private InboundMessage message(JsonObject item, RawMessage raw) throws ChannelException {
        JsonObject message = Json.obj(item, "message");
        String id = Json.nonBlank(message, "id");
        String from = Json.nonBlank(message, "from");
        if (id == null || from == null) {
            throw new ChannelException("A WhatsApp message without an id or sender: " + raw.externalId());
        }
        JsonObject system = "system".equals(Json.nonBlank(message, "type")) ? Json.obj(message, "system") : null;
        String newNumber = Json.nonBlank(system, "wa_id");
        if (system != null && "user_changed_number".equals(Json.nonBlank(system, "type")) && newNumber != null && !newNumber.equals(from)) {
            // the customer's number moved: the host carries the contact over, so the conversation continues on the new number
            String said = Json.nonBlank(system, "body") != null ? Json.nonBlank(system, "body") : "The customer changed from " + from + " to " + newNumber;
            return InboundMessage.addressChanged(id, from, newNumber, instant(message, raw), "[WhatsApp: " + said + "]");
        }
        String name = null;
        List<JsonObject> contacts = Json.objects(item, "contacts");
        for (JsonObject contact : contacts) {
            if (from.equals(Json.text(contact, "wa_id")) || contacts.size() == 1) {
                name = Json.nonBlank(Json.obj(contact, "profile"), "name");
            }
        }
        Reading reading = new Reading();
        JsonObject context = Json.obj(message, "context");
        if (Json.nonBlank(context, "id") != null) {
            reading.references.add(Json.nonBlank(context, "id"));
        }
        if (Json.flag(context, "frequently_forwarded")) {
            reading.line("[Forwarded many times]");
        } else if (Json.flag(context, "forwarded")) {
            reading.line("[Forwarded]");
        }
        JsonObject product = Json.obj(context, "referred_product");
        if (product != null) {
            reading.line("[About product " + Json.text(product, "product_retailer_id") + " of catalog " + Json.text(product, "catalog_id") + "]");
        }
        content(message, reading, Json.objects(item, "errors"));
        JsonObject referral = Json.obj(message, "referral");
        if (referral != null) {
            reading.line(referral(referral));
        }
        return new InboundMessage(id, from, name, null, reading.text(), null, reading.references, instant(message, raw), reading.automatic,
                reading.attachments, Map.of(), null);
    }

    /** What the message says, by its type; {@code changeErrors}: errors Meta put beside the message instead of in it. */
    private void content(JsonObject message, Reading reading, List<JsonObject> changeErrors) throws ChannelException {
        String type = Json.nonBlank(message, "type") == null ? "unknown" : Json.nonBlank(message, "type");
        List<JsonObject> errors = new ArrayList<>(Json.objects(message, "errors"));
        errors.addAll(changeErrors);
        switch (type) {
            case "text" -> reading.line(Json.text(Json.obj(message, "text"), "body"));
            case "image", "video", "audio", "document", "sticker" -> media(type, Json.obj(message, type), reading);
            case "location" -> reading.line(location(Json.obj(message, "location")));
            case "contacts" -> reading.line(contacts(Json.objects(message, "contacts")));
            case "interactive" -> interactive(Json.obj(message, "interactive"), reading, errors);
            case "button" -> reading.line(Json.text(Json.obj(message, "button"), "text"));
            case "reaction" -> {
                JsonObject reaction = Json.obj(message, "reaction");
                String emoji = Json.nonBlank(reaction, "emoji");
                reading.line(emoji == null ? "Removed a reaction from a message" : "Reacted " + emoji + " to a message");
                if (Json.nonBlank(reaction, "message_id") != null) {
                    reading.references.clear();
                    reading.references.add(Json.nonBlank(reaction, "message_id"));
                }
            }
            case "order" -> reading.line(order(Json.obj(message, "order")));
            case "system" -> {
                JsonObject system = Json.obj(message, "system");
                reading.line("[WhatsApp: " + (Json.nonBlank(system, "body") != null ? Json.nonBlank(system, "body") : Json.text(system, "type")) + "]");
                reading.automatic = true;
            }
            case "edit" -> {
                JsonObject edit = Json.obj(message, "edit");
                reading.line("[Edited an earlier message]");
                original(edit, reading);
                JsonObject edited = Json.obj(edit, "message");
                if (edited != null) {
                    content(edited, reading, List.of());
                }
            }
            case "revoke" -> {
                reading.line("[Deleted an earlier message]");
                original(Json.obj(message, "revoke"), reading);
                reading.automatic = true;
            }
            default -> {
                reading.line(unsupported(message, type, errors));
                reading.unsupported = true;
            }
        }
        if (!errors.isEmpty() && !"unsupported".equals(type) && !reading.unsupported) {
            reading.line("[WhatsApp reported: " + Events.errorDetail(errors) + "]");
        }
    }

    private static void original(JsonObject change, Reading reading) {
        String original = Json.nonBlank(change, "original_message_id");
        if (original != null) {
            reading.references.clear();
            reading.references.add(original);
        }
    }

    private void media(String type, JsonObject object, Reading reading) throws ChannelException {
        if (object == null) {
            reading.line("[A " + type + " message without its " + type + "]");
            return;
        }
        String label = switch (type) {
            case "audio" -> Json.flag(object, "voice") ? "The voice message" : "The audio";
            case "sticker" -> Json.flag(object, "animated") ? "The animated sticker" : "The sticker";
            default -> "The " + type;
        };
        MediaFetcher.Fetched fetched = media.fetch(type, object, label);
        if (fetched.attachment() != null) {
            reading.attachments.add(fetched.attachment());
        } else {
            reading.line(fetched.note());
        }
        reading.line(Json.nonBlank(object, "caption"));
    }

    private static void interactive(JsonObject interactive, Reading reading, List<JsonObject> errors) {
        String kind = Json.nonBlank(interactive, "type");
        JsonObject button = Json.obj(interactive, "button_reply");
        JsonObject row = Json.obj(interactive, "list_reply");
        JsonObject flow = Json.obj(interactive, "nfm_reply");
        JsonObject call = Json.obj(interactive, "call_permission_reply");
        if (button != null) {
            reading.line(Json.text(button, "title"));
        } else if (row != null) {
            reading.line(Json.text(row, "title"));
        } else if (flow != null) {
            StringBuilder text = new StringBuilder(Json.nonBlank(flow, "body") == null ? "Filled in a form" : Json.nonBlank(flow, "body"));
            JsonObject answers = Json.object(Json.text(flow, "response_json"));
            if (answers != null) {
                answers.forEach((key, value) -> {
                    if (!"flow_token".equals(key)) {
                        text.append('\n').append(key).append(": ").append(plain(value));
                    }
                });
            }
            reading.line(text.toString());
        } else if (call != null) {
            reading.line("[Call permission: " + Json.text(call, "response") + "]");
        } else {
            reading.line(unsupported(null, "interactive" + (kind == null ? "" : " " + kind), errors));
            reading.unsupported = true;
        }
    }

    private static String unsupported(JsonObject message, String type, List<JsonObject> errors) {
        String kind = Json.nonBlank(Json.obj(message, "unsupported"), "type");
        String what = kind != null ? kind : "unsupported".equals(type) ? null : type;
        String detail = Events.errorDetail(errors);
        StringBuilder text = new StringBuilder("[Unsupported WhatsApp message: ");
        text.append(what != null ? what : detail != null ? detail : "unknown type");
        if (what != null && detail != null) {
            text.append(" (").append(detail).append(')');
        }
        return text.append(']').toString();
    }

    static String location(JsonObject location) {
        String lat = plain(location == null ? null : location.get("latitude"));
        String lon = plain(location == null ? null : location.get("longitude"));
        StringBuilder text = new StringBuilder("📍 ");
        String name = Json.nonBlank(location, "name");
        String address = Json.nonBlank(location, "address");
        if (name != null) {
            text.append(name);
        }
        if (address != null) {
            text.append(name == null ? "" : ", ").append(address);
        }
        if (name != null || address != null) {
            text.append(' ');
        }
        text.append('(').append(lat).append(',').append(lon).append(") https://maps.google.com/?q=").append(lat).append(',').append(lon);
        String url = Json.nonBlank(location, "url");
        if (url != null) {
            text.append('\n').append(url);
        }
        return text.toString();
    }

    private static String contacts(List<JsonObject> cards) {
        StringBuilder text = new StringBuilder();
        for (JsonObject card : cards) {
            JsonObject name = Json.obj(card, "name");
            String shown = Json.nonBlank(name, "formatted_name") != null ? Json.nonBlank(name, "formatted_name")
                    : String.join(" ", java.util.stream.Stream.of(Json.nonBlank(name, "first_name"), Json.nonBlank(name, "last_name"))
                            .filter(java.util.Objects::nonNull).toList());
            if (text.length() > 0) {
                text.append('\n');
            }
            text.append("👤 ").append(shown.isBlank() ? "A contact" : shown);
            List<String> ways = new ArrayList<>();
            for (JsonObject phone : Json.objects(card, "phones")) {
                String number = Json.nonBlank(phone, "phone") != null ? Json.nonBlank(phone, "phone") : Json.nonBlank(phone, "wa_id");
                if (number != null) {
                    ways.add(number + (Json.nonBlank(phone, "type") == null ? "" : " (" + Json.nonBlank(phone, "type").toLowerCase(Locale.ROOT) + ")"));
                }
            }
            for (JsonObject email : Json.objects(card, "emails")) {
                if (Json.nonBlank(email, "email") != null) {
                    ways.add(Json.nonBlank(email, "email"));
                }
            }
            if (!ways.isEmpty()) {
                text.append(": ").append(String.join(", ", ways));
            }
            JsonObject org = Json.obj(card, "org");
            if (Json.nonBlank(org, "company") != null) {
                text.append(" — ").append(Json.nonBlank(org, "company"));
            }
        }
        return text.length() == 0 ? "[Shared contacts, empty]" : text.toString();
    }

    private static String order(JsonObject order) {
        StringBuilder text = new StringBuilder("🛒 Order");
        if (Json.nonBlank(order, "catalog_id") != null) {
            text.append(" from catalog ").append(Json.nonBlank(order, "catalog_id"));
        }
        text.append(':');
        for (JsonObject item : Json.objects(order, "product_items")) {
            text.append("\n").append(plain(item.get("quantity"))).append(" × ").append(Json.text(item, "product_retailer_id")).append(" at ")
                    .append(plain(item.get("item_price"))).append(' ').append(Json.text(item, "currency") == null ? "" : Json.text(item, "currency"));
        }
        if (Json.nonBlank(order, "text") != null) {
            text.append("\n").append(Json.nonBlank(order, "text"));
        }
        return text.toString();
    }

    private static String referral(JsonObject referral) {
        StringBuilder text = new StringBuilder("[Came from ");
        text.append(Json.nonBlank(referral, "source_type") == null ? "an ad" : Json.nonBlank(referral, "source_type"));
        if (Json.nonBlank(referral, "headline") != null) {
            text.append(": ").append(Json.nonBlank(referral, "headline"));
        }
        if (Json.nonBlank(referral, "body") != null) {
            text.append(" — ").append(Json.nonBlank(referral, "body"));
        }
        if (Json.nonBlank(referral, "source_url") != null) {
            text.append(' ').append(Json.nonBlank(referral, "source_url"));
        }
        return text.append(']').toString();
    }

    private static String plain(JsonValue value) {
        if (value == null) {
            return "?";
        }
        return switch (value.getValueType()) {
            case STRING -> ((jakarta.json.JsonString) value).getString();
            case NUMBER -> Json.readable((JsonNumber) value);
            default -> value.toString();
        };
    }

    private static Instant instant(JsonObject object, RawMessage raw) {
        Long seconds = Json.number(object, "timestamp");
        // a time no clock can hold is no time: when it arrived stands in
        return seconds == null || seconds < 0 || seconds > Instant.MAX.getEpochSecond() ? raw.receivedAt() : Instant.ofEpochSecond(seconds);
    }

    /** The message being read: its lines, files and references. */
    private static final class Reading {
        final List<String> lines = new ArrayList<>();
        final List<String> references = new ArrayList<>();
        final List<InboundAttachment> attachments = new ArrayList<>();
        boolean automatic;
        boolean unsupported;

        void line(String text) {
            if (text != null && !text.isBlank()) {
                lines.add(text);
            }
        }

        String text() {
            return String.join("\n", lines);
        }
    }
}
