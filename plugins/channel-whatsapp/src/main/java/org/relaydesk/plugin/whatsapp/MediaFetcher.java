package org.relaydesk.plugin.whatsapp;

import jakarta.json.JsonObject;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import org.relaydesk.api.channel.ChannelException;
import org.relaydesk.api.channel.ChannelException.Failure;
import org.relaydesk.api.channel.InboundAttachment;
import org.relaydesk.api.host.AnswerTooLargeException;
import org.relaydesk.api.host.HttpClient;

/**
 * A received file: its address and checksum asked from the Graph API by the media id, then the
 * bytes fetched with the access token. A file that is too large, gone or damaged becomes a note in
 * the message's text (the message itself still arrives): also one whose size WhatsApp did not say
 * and that turns out larger than the host reads, and one at an address the token is not sent to
 * ({@link Graph#mediaAddressProblem}). Only a Graph API that cannot be reached or refuses the token
 * fails the whole message, so the host tries it again later.
 */
final class MediaFetcher {
    /** Relaydesk's limit for one file from a customer. */
    static final long OUR_LIMIT = 10L * 1024 * 1024;
    /** WhatsApp's own limits by media type; the smaller of theirs and ours applies. */
    private static final Map<String, Long> WHATSAPP_LIMITS = Map.of("image", 5L * 1024 * 1024, "video", 16L * 1024 * 1024, "audio",
            16L * 1024 * 1024, "document", 100L * 1024 * 1024, "sticker", 100L * 1024, "animated-sticker", 500L * 1024);
    private static final Map<String, String> EXTENSIONS = Map.ofEntries(Map.entry("image/jpeg", ".jpg"), Map.entry("image/png", ".png"),
            Map.entry("image/webp", ".webp"), Map.entry("video/mp4", ".mp4"), Map.entry("video/3gpp", ".3gp"), Map.entry("audio/ogg", ".ogg"),
            Map.entry("audio/mpeg", ".mp3"), Map.entry("audio/aac", ".aac"), Map.entry("audio/amr", ".amr"), Map.entry("audio/mp4", ".m4a"),
            Map.entry("application/pdf", ".pdf"), Map.entry("text/plain", ".txt"));

    /** Either the file or a note saying why there is none. */
    record Fetched(InboundAttachment attachment, String note) {
    }

    private final Graph graph;

    /** {@code graph} null: nothing can be fetched (parsed without the account), each file becomes a note. */
    MediaFetcher(Graph graph) {
        this.graph = graph;
    }

    static long limit(String type, boolean animated) {
        String key = "sticker".equals(type) && animated ? "animated-sticker" : type;
        return Math.min(OUR_LIMIT, WHATSAPP_LIMITS.getOrDefault(key, OUR_LIMIT));
    }

    Fetched fetch(String type, JsonObject media, String label) throws ChannelException {
        String id = Json.nonBlank(media, "id");
        String declaredType = Json.nonBlank(media, "mime_type");
        String name = filename(type, media, id, declaredType);
        long limit = limit(type, Json.flag(media, "animated"));
        if (graph == null || id == null) {
            return note(label + " " + name + " could not be fetched (" + (id == null ? "the message names no media id" : "no connection to the account")
                    + ")");
        }
        JsonObject info;
        try {
            info = graph.get(id, "the media " + id);
        } catch (ChannelException e) {
            if (e.failure() == Failure.REFUSED) {
                return note(label + " " + name + " is no longer available from WhatsApp (" + e.getMessage() + ")");
            }
            throw e; // unreachable, token refused, rate limited, Meta's own trouble: later may work
        }
        String url = Json.nonBlank(info, "url");
        String contentType = Json.nonBlank(info, "mime_type") != null ? Json.nonBlank(info, "mime_type") : declaredType;
        Long size = Json.number(info, "file_size");
        if (size != null && size > limit) {
            return note(tooLarge(label, name, size, limit));
        }
        if (url == null) {
            return note(label + " " + name + " could not be fetched (WhatsApp gave no address for it)");
        }
        if (graph.mediaAddressProblem(url) != null) {
            return note(label + " " + name + " could not be fetched (WhatsApp gave an address it is not safe to send the access token to: "
                    + graph.mediaAddressProblem(url) + ")");
        }
        HttpClient.Answer answer;
        try {
            answer = graph.download(url, "the media " + id);
        } catch (AnswerTooLargeException e) {
            // no size in the metadata, and more than the host reads: the rest of the message still arrives
            return note(tooLarge(label, name, "more than " + sizeOf(e.limit()), limit));
        }
        if (answer.status() / 100 == 5 || answer.status() == 429) {
            throw new ChannelException(answer.status() == 429 ? Failure.RATE_LIMITED : Failure.OTHER,
                    "WhatsApp's media server answered HTTP " + answer.status() + " for the media " + id, null);
        }
        if (answer.status() == 401 || answer.status() == 403) {
            throw new ChannelException(Failure.SIGN_IN_REFUSED, "WhatsApp's media server refused the access token for the media " + id + " (HTTP "
                    + answer.status() + ")", null);
        }
        if (answer.status() / 100 != 2) {
            return note(label + " " + name + " could not be fetched (HTTP " + answer.status() + ")");
        }
        byte[] bytes = answer.body();
        if (bytes.length > limit) {
            return note(tooLarge(label, name, bytes.length, limit));
        }
        String expected = Json.nonBlank(info, "sha256") != null ? Json.nonBlank(info, "sha256") : Json.nonBlank(media, "sha256");
        if (expected != null && !matches(expected, Signature.sha256(bytes))) {
            return note(label + " " + name + " was not taken: it arrived damaged (its SHA-256 does not match WhatsApp's)");
        }
        return new Fetched(new InboundAttachment(name, contentType == null ? "application/octet-stream" : baseType(contentType), bytes, null), null);
    }

    private static Fetched note(String text) {
        return new Fetched(null, "[" + text + "]");
    }

    private static String tooLarge(String label, String name, long size, long limit) {
        return tooLarge(label, name, sizeOf(size), limit);
    }

    private static String tooLarge(String label, String name, String size, long limit) {
        return String.format(Locale.ROOT, "%s %s (%s) was not downloaded: larger than the %s limit for this kind of file", label, name, size,
                limit >= 1048576 ? limit / 1048576 + " MB" : limit / 1024 + " KB");
    }

    private static String sizeOf(long bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / 1048576.0);
    }

    /** Meta gives the checksum as hex from the media endpoint and as base64 in webhooks. */
    private static boolean matches(String expected, byte[] digest) {
        String value = expected.trim();
        return value.equalsIgnoreCase(HexFormat.of().formatHex(digest)) || value.equals(Base64.getEncoder().encodeToString(digest))
                || value.equals(Base64.getUrlEncoder().encodeToString(digest));
    }

    static String filename(String type, JsonObject media, String id, String contentType) {
        String given = Json.nonBlank(media, "filename");
        if (given != null) {
            // a name, never a path: what follows the last separator, without control characters
            String base = given.substring(Math.max(given.lastIndexOf('/'), given.lastIndexOf('\\')) + 1).replaceAll("[\\p{Cntrl}]", "").trim();
            if (!base.isEmpty() && !base.equals(".") && !base.equals("..")) {
                return base.length() > 200 ? base.substring(base.length() - 200) : base;
            }
        }
        String stem = "audio".equals(type) && Json.flag(media, "voice") ? "voice-message" : type;
        String extension = contentType == null ? ".bin" : EXTENSIONS.getOrDefault(baseType(contentType), ".bin");
        return "whatsapp-" + stem + (id == null ? "" : "-" + id.replaceAll("[^A-Za-z0-9]", "")) + extension;
    }

    /** "audio/ogg; codecs=opus" → "audio/ogg". */
    private static String baseType(String contentType) {
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
    }
}
