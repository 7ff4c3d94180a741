package org.relaydesk.plugin.webform;

import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.relaydesk.api.channel.ChannelException;
import org.relaydesk.api.channel.HttpChannelContext.TicketField;
import org.relaydesk.api.channel.InboundAttachment;
import org.relaydesk.api.channel.InboundMessage;
import org.relaydesk.api.channel.InvalidMessageException;
import org.relaydesk.api.channel.RawMessage;

/**
 * What a customer sent through the form: checked field by field (every problem named, for the
 * form to show beside its field), then stored as a small JSON document, which {@link #read} turns
 * into the host's message.
 */
final class Submission {
    static final String CONTENT_TYPE = "application/vnd.relaydesk.webform+json";
    static final int MAX_FILES = 5;
    /** All files of one request together: what the host stores of one message (30 MB) leaves room for, base64 and all. */
    static final int MAX_TOTAL_MB = 20;
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]{2,}");
    private static final Pattern ALLOWED_FILE = Pattern.compile(
            "(?i).+\\.(png|jpe?g|gif|webp|bmp|tiff?|heic|pdf|txt|csv|log|json|xml|zip|7z|gz|docx?|xlsx?|pptx?|odt|ods|rtf|eml|msg)$");

    private Submission() {
    }

    /** The stored document for a valid post, or an InvalidMessageException naming what is wrong. */
    static RawMessage check(JsonObject post, List<TicketField> ticketFields, WebFormSettings settings, String clientAddress, String origin)
            throws InvalidMessageException {
        Map<String, String> errors = new LinkedHashMap<>();
        String name = text(post, "name", 200, false, errors);
        String email = text(post, "email", 320, true, errors);
        if (email != null && !EMAIL.matcher(email).matches()) {
            errors.put("email", "is not an email address");
        }
        String subject = text(post, "subject", 300, true, errors);
        String message = text(post, "message", 20_000, true, errors);
        JsonObjectBuilder fields = Json.builder();
        JsonObject given = post.get("fields") instanceof JsonObject object ? object : JsonValue.EMPTY_JSON_OBJECT;
        for (TicketField field : ticketFields) {
            JsonValue value = given.get(field.key());
            String text = value == null || value == JsonValue.NULL ? "" : value instanceof JsonString s ? s.getString().trim() : value.toString();
            if (field.type().equals("checkbox")) {
                text = String.valueOf(value == JsonValue.TRUE || "true".equals(text) || "on".equals(text));
            }
            if (text.length() > 1000) {
                errors.put("fields." + field.key(), "is too long");
            } else if (!text.isEmpty()) {
                fields.add(field.key(), text);
            }
        }
        JsonArrayBuilder files = Json.PROVIDER.createArrayBuilder();
        JsonArray posted = post.get("files") instanceof JsonArray array ? array : JsonValue.EMPTY_JSON_ARRAY;
        if (posted.size() > MAX_FILES) {
            errors.put("files", "at most " + MAX_FILES + " files");
        } else {
            long total = 0;
            for (JsonValue value : posted) {
                total += checkFile(value, settings, files, errors);
            }
            if (total > MAX_TOTAL_MB * 1024L * 1024L) {
                errors.put("files", "together more than " + MAX_TOTAL_MB + " MB; send the larger ones in a reply to our answer");
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidMessageException(errors);
        }
        String id = "webform." + UUID.randomUUID() + "@relaydesk";
        JsonObjectBuilder stored = Json.builder().add("id", id).add("email", email.toLowerCase(Locale.ROOT)).add("subject", subject)
                .add("message", message).add("fields", fields).add("files", files).add("submitted_at", Instant.now().toString());
        if (name != null) {
            stored.add("name", name);
        }
        if (clientAddress != null) {
            stored.add("client_address", clientAddress);
        }
        if (origin != null) {
            stored.add("origin", origin);
        }
        return new RawMessage(id, CONTENT_TYPE, stored.build().toString().getBytes(StandardCharsets.UTF_8), null);
    }

    /** Checks one posted file and adds it; its size, or 0 when refused. */
    private static long checkFile(JsonValue value, WebFormSettings settings, JsonArrayBuilder files, Map<String, String> errors) {
        if (!(value instanceof JsonObject file) || !(file.get("name") instanceof JsonString) || !(file.get("data") instanceof JsonString)) {
            errors.put("files", "a file came without its name or content");
            return 0;
        }
        String fileName = file.getString("name").replace('\\', '/');
        fileName = fileName.substring(fileName.lastIndexOf('/') + 1).replaceAll("\\p{Cntrl}", "").strip();
        if (fileName.isEmpty() || fileName.length() > 200) {
            errors.put("files", "a file name is empty or too long");
            return 0;
        }
        if (!ALLOWED_FILE.matcher(fileName).matches()) {
            errors.put("files", fileName + ": this kind of file cannot be sent (pictures, PDF, text and office documents, archives can)");
            return 0;
        }
        byte[] content;
        try {
            content = Base64.getDecoder().decode(file.getString("data"));
        } catch (IllegalArgumentException e) {
            errors.put("files", fileName + " did not arrive whole; please attach it again");
            return 0;
        }
        if (content.length == 0) {
            errors.put("files", fileName + " is empty");
            return 0;
        }
        if (content.length > settings.maxFileMb() * 1024L * 1024L) {
            errors.put("files", fileName + " is larger than " + settings.maxFileMb() + " MB");
            return 0;
        }
        files.add(Json.builder().add("name", fileName).add("type", file.getString("type", "application/octet-stream")).add("data", file.getString("data")));
        return content.length;
    }

    private static String text(JsonObject post, String key, int max, boolean required, Map<String, String> errors) {
        String value = post.get(key) instanceof JsonString s ? s.getString().strip() : null;
        if (value == null || value.isEmpty()) {
            if (required) {
                errors.put(key, "is required");
            }
            return null;
        }
        if (value.length() > max) {
            errors.put(key, "is longer than " + max + " characters");
            return null;
        }
        return value;
    }

    /** The stored document as the host's message. */
    static InboundMessage read(RawMessage raw) throws ChannelException {
        JsonObject stored = raw.contentType().equals(CONTENT_TYPE) ? Json.object(new String(raw.content(), StandardCharsets.UTF_8)) : null;
        if (stored == null || !(stored.get("email") instanceof JsonString) || !(stored.get("id") instanceof JsonString)) {
            throw new ChannelException("this is not a web form submission");
        }
        List<InboundAttachment> attachments = new ArrayList<>();
        for (JsonValue value : stored.getJsonArray("files") == null ? JsonValue.EMPTY_JSON_ARRAY : stored.getJsonArray("files")) {
            JsonObject file = value.asJsonObject();
            attachments.add(new InboundAttachment(file.getString("name"), file.getString("type", "application/octet-stream"),
                    Base64.getDecoder().decode(file.getString("data")), null));
        }
        Map<String, String> fields = new LinkedHashMap<>();
        JsonObject given = stored.getJsonObject("fields");
        if (given != null) {
            given.forEach((key, value) -> fields.put(key, value instanceof JsonString s ? s.getString() : value.toString()));
        }
        Instant at = stored.get("submitted_at") instanceof JsonString s ? Instant.parse(s.getString()) : raw.receivedAt();
        return new InboundMessage(stored.getString("id"), stored.getString("email"), stored.getString("name", null), stored.getString("subject", null),
                stored.getString("message", ""), null, List.of(), at, false, attachments, fields);
    }
}
