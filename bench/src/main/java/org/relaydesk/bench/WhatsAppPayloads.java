package org.relaydesk.bench;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.Set;

/**
 * Webhook bodies as Meta sends them for one number, made from the corpus's real inbound message
 * payloads (text, replies, photos, voice notes, documents, reactions, locations, button replies): each
 * with the sender, the number's id, a fresh message id and the current time. Media ids are one per
 * kind, served by the fake Graph API, so every photo is really fetched.
 */
final class WhatsAppPayloads {
    /** Corpus files and how often each is sent (a help desk's chat is mostly text). */
    private static final List<Object[]> KINDS = List.of(new Object[] {"message__text", 60}, new Object[] {"message__reply", 8},
            new Object[] {"message__image", 8}, new Object[] {"message__voice", 6}, new Object[] {"message__document", 4},
            new Object[] {"message__reaction", 5}, new Object[] {"message__current_location", 3},
            new Object[] {"callback_button__quick_reply", 3}, new Object[] {"message__video", 2}, new Object[] {"message__static_sticker", 1});
    static final Set<String> MEDIA = Set.of("image", "video", "audio", "document", "sticker");

    private final String numberId;
    private final Weighted<JsonObject> templates = new Weighted<>();
    private final JsonObject text;

    /** A built body and the message ids it carries. */
    record Body(String json, List<String> messageIds) {
    }

    WhatsAppPayloads(Path corpus, String numberId) throws IOException {
        this.numberId = numberId;
        Path updates = corpus.resolve("pywa/tests/data/updates");
        for (Object[] kind : KINDS) {
            templates.add(read(updates.resolve(kind[0] + ".json")), (Integer) kind[1]);
        }
        text = read(updates.resolve("message__text.json"));
    }

    /** A message of a kind drawn by weight. */
    Body any(SplittableRandom random, String sender, String messageId, long epochSeconds) {
        return build(templates.pick(random), sender, messageId, epochSeconds, null);
    }

    /** A text message whose body is {@code words}, to find it again in the API. */
    Body text(String sender, String messageId, long epochSeconds, String words) {
        return build(text, sender, messageId, epochSeconds, words);
    }

    /** The media id the payloads use for a kind of media (register it with the fake Graph API). */
    static String mediaId(String kind) {
        return "90000" + Math.abs(kind.hashCode() % 10000);
    }

    private Body build(JsonObject template, String sender, String messageId, long epochSeconds, String words) {
        List<String> ids = new ArrayList<>();
        JsonObject built = (JsonObject) walk(template, null, sender, messageId, Long.toString(epochSeconds), words, ids);
        return new Body(built.toString(), ids);
    }

    private JsonValue walk(JsonValue value, String parentKey, String sender, String messageId, String timestamp, String words, List<String> ids) {
        if (value instanceof JsonObject object) {
            JsonObjectBuilder copy = Json.createObjectBuilder();
            object.forEach((key, child) -> {
                if (key.equals("phone_number_id") && child instanceof JsonString) {
                    copy.add(key, numberId);
                } else if (key.equals("timestamp") && child instanceof JsonString) {
                    copy.add(key, timestamp);
                } else if ((key.equals("from") || key.equals("wa_id")) && child instanceof JsonString) {
                    copy.add(key, sender);
                } else if (key.equals("user_id") && child instanceof JsonString) {
                    copy.add(key, "US.bench" + sender);
                } else if (key.equals("id") && "messages".equals(parentKey) && child instanceof JsonString) {
                    String id = ids.isEmpty() ? messageId : messageId + "." + ids.size();
                    ids.add(id);
                    copy.add(key, id);
                } else if (key.equals("id") && MEDIA.contains(parentKey) && child instanceof JsonString) {
                    copy.add(key, mediaId(parentKey));
                } else if (key.equals("body") && "text".equals(parentKey) && words != null) {
                    copy.add(key, words);
                } else {
                    copy.add(key, walk(child, key, sender, messageId, timestamp, words, ids));
                }
            });
            return copy.build();
        }
        if (value instanceof JsonArray array) {
            JsonArrayBuilder copy = Json.createArrayBuilder();
            array.forEach(item -> copy.add(walk(item, parentKey, sender, messageId, timestamp, words, ids)));
            return copy.build();
        }
        return value;
    }

    private static JsonObject read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new UsageException("the corpus has no " + file + " (give --corpus, the folder with pywa/ and meta-openapi/)");
        }
        try (var reader = Json.createReader(new StringReader(Files.readString(file)))) {
            return reader.readObject();
        }
    }
}
