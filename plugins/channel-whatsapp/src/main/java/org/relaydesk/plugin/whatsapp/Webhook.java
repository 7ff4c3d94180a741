package org.relaydesk.plugin.whatsapp;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.relaydesk.api.channel.ChannelException;
import org.relaydesk.api.channel.HttpChannelContext;
import org.relaydesk.api.channel.HttpRequest;
import org.relaydesk.api.channel.HttpResponse;
import org.relaydesk.api.channel.InboundSink;
import org.relaydesk.api.channel.RawMessage;

/**
 * The number's webhook at {@code <public address>webhook}: Meta's verification handshake (GET) and
 * its signed notifications (POST). A notification is checked, split into one stored item per
 * message, status or event, each stored durably through the host's inbox, and only then answered
 * 200: Meta retries anything it does not get a 200 for, and the inbox drops what it already has.
 */
final class Webhook {
    static final String PATH = "webhook";
    /** Meta batches at most a few hundred updates of a few KB each; anything far larger is not Meta's. */
    static final int MAX_BODY = 3 * 1024 * 1024;
    /** Meta's challenges are short numbers; a long or odd one is not echoed (it would be ours to serve). */
    static final int MAX_CHALLENGE = 256;
    private static final String SAFE_CHALLENGE = "[A-Za-z0-9._~-]{1," + MAX_CHALLENGE + "}";
    private static final Logger LOG = Logger.getLogger(Webhook.class.getName());

    private final WhatsAppSettings settings;
    private final Clock clock;

    Webhook(WhatsAppSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    HttpResponse handle(HttpRequest request, HttpChannelContext context) {
        if (!PATH.equals(request.path())) {
            return HttpResponse.text(404, "Not found");
        }
        if (request.is("GET")) {
            return handshake(request);
        }
        if (request.is("POST")) {
            return notification(request, context);
        }
        return HttpResponse.text(405, "Only GET and POST").withHeader("Allow", "GET, POST");
    }

    /** Meta's subscription check: the verify token proves the dashboard's owner set this address up. */
    private HttpResponse handshake(HttpRequest request) {
        if (!"subscribe".equals(request.query("hub.mode")) || !Signature.sameSecret(request.query("hub.verify_token"), settings.verifyToken())) {
            return HttpResponse.text(403, "Forbidden");
        }
        String challenge = request.query("hub.challenge");
        if (challenge == null || !challenge.matches(SAFE_CHALLENGE)) {
            return HttpResponse.text(400, "hub.challenge must be up to " + MAX_CHALLENGE + " letters, digits or ._~-");
        }
        return HttpResponse.text(200, challenge);
    }

    private HttpResponse notification(HttpRequest request, HttpChannelContext context) {
        byte[] body = request.body();
        if (body.length > MAX_BODY) {
            return problem(413, "A webhook body is at most " + MAX_BODY / 1024 / 1024 + " MB");
        }
        // before anything is read: an unsigned body is not looked at, and nothing of it is stored
        if (!Signature.valid(request.header(Signature.HEADER), body, settings.appSecret())) {
            return problem(401, "The " + Signature.HEADER + " signature is missing or does not match this number's app secret");
        }
        JsonObject notification = Json.object(body);
        if (notification == null) {
            return problem(400, "The body is not a JSON object");
        }
        if (!"whatsapp_business_account".equals(Json.text(notification, "object"))) {
            return problem(400, "Only WhatsApp Business Account notifications (object whatsapp_business_account) are taken");
        }
        JsonArray entries = Json.arr(notification, "entry");
        if (entries == null) {
            return problem(400, "The notification has no entry array");
        }
        Split split = split(notification);
        InboundSink inbox;
        try {
            inbox = context.inbox();
        } catch (UnsupportedOperationException e) {
            LOG.warning("The host has no inbox for webhooks (plugin API 1.3); WhatsApp will retry this notification");
            return problem(500, "This server cannot store webhooks yet");
        }
        int stored = 0;
        int known = 0;
        for (RawMessage item : split.items()) {
            try {
                if (inbox.accept(item)) {
                    stored++;
                } else {
                    known++;
                }
            } catch (ChannelException | RuntimeException e) {
                // nothing is answered 200 that is not stored: Meta sends the whole notification again, and what is stored is dropped then
                LOG.log(Level.WARNING, "A WhatsApp webhook item (" + item.externalId() + ") could not be stored; WhatsApp will retry", e);
                return problem(500, "The notification could not be stored; please retry");
            }
        }
        for (String note : split.ignored()) {
            LOG.info(() -> "WhatsApp webhook for number " + settings.phoneNumberId() + ": " + note);
        }
        JsonObjectBuilder answer = Json.builder().add("stored", stored).add("already_stored", known);
        var ignored = Json.array();
        split.ignored().forEach(ignored::add);
        return HttpResponse.json(200, Json.write(answer.add("ignored", ignored).build()));
    }

    record Split(List<RawMessage> items, List<String> ignored) {
    }

    /**
     * One item per message (its wamid), per status ("status:wamid:status") and per other change
     * ("event:" and the digest of what is stored), each with the context it needs to be read alone.
     * Changes for another number of the same app are left out: that number's own account receives them.
     */
    Split split(JsonObject notification) {
        List<RawMessage> items = new ArrayList<>();
        List<String> ignored = new ArrayList<>();
        for (JsonObject entry : Json.objects(notification, "entry")) {
            for (JsonObject change : Json.objects(entry, "changes")) {
                String field = Json.text(change, "field");
                JsonObject value = Json.obj(change, "value");
                if (field == null || value == null) {
                    ignored.add("a change without field or value in entry " + Json.text(entry, "id"));
                    continue;
                }
                JsonObject metadata = Json.obj(value, "metadata");
                String number = Json.text(metadata, "phone_number_id");
                if (number != null && !number.equals(settings.phoneNumberId())) {
                    ignored.add("a " + field + " change for phone number id " + number + ", not this account's (" + settings.phoneNumberId() + ")");
                    continue;
                }
                List<JsonObject> messages = "messages".equals(field) ? Json.objects(value, "messages") : List.of();
                List<JsonObject> statuses = "messages".equals(field) ? Json.objects(value, "statuses") : List.of();
                for (JsonObject message : messages) {
                    String id = Json.nonBlank(message, "id");
                    if (id == null) {
                        ignored.add("a message without an id");
                        continue;
                    }
                    JsonObjectBuilder item = Json.builder().add("field", field);
                    if (metadata != null) {
                        item.add("metadata", metadata);
                    }
                    if (Json.arr(value, "contacts") != null) {
                        item.add("contacts", Json.arr(value, "contacts"));
                    }
                    item.add("message", message);
                    if (Json.arr(value, "errors") != null) {
                        item.add("errors", Json.arr(value, "errors"));
                    }
                    items.add(raw(id, Json.bytes(item.build())));
                }
                for (JsonObject status : statuses) {
                    String id = Json.nonBlank(status, "id");
                    String state = Json.nonBlank(status, "status");
                    if (id == null || state == null) {
                        ignored.add("a status without an id or state");
                        continue;
                    }
                    JsonObjectBuilder item = Json.builder().add("field", field);
                    if (metadata != null) {
                        item.add("metadata", metadata);
                    }
                    items.add(raw("status:" + id + ":" + state.toLowerCase(java.util.Locale.ROOT), Json.bytes(item.add("status", status).build())));
                }
                if (messages.isEmpty() && statuses.isEmpty()) {
                    byte[] content = Json.bytes(Json.builder().add("field", field).add("value", value).build());
                    items.add(raw("event:" + HexFormat.of().formatHex(Signature.sha256(content)), content));
                }
            }
        }
        return new Split(items, ignored);
    }

    private RawMessage raw(String externalId, byte[] content) {
        return new RawMessage(externalId, "application/json", content, clock.instant());
    }

    private static HttpResponse problem(int status, String detail) {
        return HttpResponse.json(status, Json.write(Json.builder().add("message", detail).build()));
    }
}
