package org.relaydesk.plugin.whatsapp;

import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.relaydesk.api.channel.ChannelException;
import org.relaydesk.api.channel.OutboundAttachment;
import org.relaydesk.api.channel.OutboundMessage;
import org.relaydesk.api.channel.SentMessage;

/**
 * Sends a reply through the Graph API: a template, a message with buttons or a list, files (each
 * uploaded first, then sent as its own message, the text as the first one's caption) or text.
 * What is sent is checked against WhatsApp's limits before anything leaves, and every file is
 * uploaded before the first message goes, so a refused file sends nothing at all.
 */
final class Sender {
    private static final Set<String> IMAGES = Set.of("image/jpeg", "image/png");
    private static final Set<String> VIDEOS = Set.of("video/mp4", "video/3gpp");
    private static final Set<String> AUDIO = Set.of("audio/aac", "audio/amr", "audio/mpeg", "audio/mp4", "audio/ogg");
    private static final long IMAGE_LIMIT = 5L * 1024 * 1024;
    private static final long VIDEO_AUDIO_LIMIT = 16L * 1024 * 1024;
    private static final long DOCUMENT_LIMIT = 100L * 1024 * 1024;
    private final Graph graph;

    Sender(Graph graph) {
        this.graph = graph;
    }

    SentMessage send(OutboundMessage message) throws ChannelException {
        String to = OutgoingMessages.recipient(message.toAddress());
        String text = message.text() == null ? null : message.text().strip();
        if (message.template() != null) {
            return new SentMessage(post(OutgoingMessages.template(to, message.template(), message.replyTo())));
        }
        if (message.choices() != null) {
            return new SentMessage(post(OutgoingMessages.interactive(to, text, message.choices(), message.replyTo())));
        }
        if (!message.attachments().isEmpty()) {
            return sendFiles(to, text, message);
        }
        return new SentMessage(post(OutgoingMessages.text(to, text, message.replyTo())));
    }

    private SentMessage sendFiles(String to, String text, OutboundMessage message) throws ChannelException {
        if (text != null && text.length() > OutgoingMessages.TEXT_LIMIT) {
            throw OutgoingMessages.refused("a WhatsApp text is at most " + OutgoingMessages.TEXT_LIMIT + " characters");
        }
        record Upload(String type, String id, String filename) {
        }
        List<Upload> uploads = new ArrayList<>();
        for (OutboundAttachment file : message.attachments()) {
            String type = typeOf(file);
            uploads.add(new Upload(type, upload(file), file.filename()));
        }
        String first = uploads.get(0).type();
        boolean captioned = text != null && !text.isEmpty() && OutgoingMessages.takesCaption(first) && text.length() <= OutgoingMessages.CAPTION_LIMIT;
        String textId = null;
        List<String> parts = new ArrayList<>();
        if (text != null && !text.isEmpty() && !captioned) {
            textId = post(OutgoingMessages.text(to, text, message.replyTo()));
            parts.add(textId);
        }
        for (int i = 0; i < uploads.size(); i++) {
            Upload upload = uploads.get(i);
            parts.add(post(OutgoingMessages.media(to, upload.type(), upload.id(), i == 0 && captioned ? text : null, upload.filename(),
                    i == 0 && textId == null ? message.replyTo() : null)));
        }
        // the message with the agent's words leads; every part is named, so each one's receipts reach the reply
        return new SentMessage(parts.get(0), parts);
    }

    /** What WhatsApp sends the file as: image, video and audio in the formats it plays, anything else as a document. */
    static String typeOf(OutboundAttachment file) throws ChannelException {
        String type = file.contentType().toLowerCase(Locale.ROOT).split(";")[0].trim();
        long size = file.content().length;
        if (IMAGES.contains(type) && size <= IMAGE_LIMIT) {
            return "image";
        }
        if (VIDEOS.contains(type) && size <= VIDEO_AUDIO_LIMIT) {
            return "video";
        }
        if (AUDIO.contains(type) && size <= VIDEO_AUDIO_LIMIT) {
            return "audio";
        }
        if (size > DOCUMENT_LIMIT) {
            throw OutgoingMessages.refused(file.filename() + " is larger than WhatsApp's 100 MB");
        }
        return "document";
    }

    private String upload(OutboundAttachment file) throws ChannelException {
        Multipart form = new Multipart().field("messaging_product", "whatsapp").field("type", file.contentType())
                .file("file", file.filename(), file.contentType(), file.content());
        JsonObject answer = graph.postMultipart(graph.settings().phoneNumberId() + "/media", form, "the upload of " + file.filename());
        String id = mediaId(answer);
        if (id == null) {
            throw new ChannelException("The WhatsApp Graph API accepted " + file.filename() + " but named no media id");
        }
        return id;
    }

    /** Posts one message; its wamid. */
    private String post(JsonObject body) throws ChannelException {
        JsonObject answer = graph.postJson(graph.settings().phoneNumberId() + "/messages", body, "the message");
        String id = messageId(answer);
        if (id == null) {
            throw new ChannelException("The WhatsApp Graph API accepted the message but named no message id: " + Json.write(answer));
        }
        return id;
    }

    /** The wamid in a send's answer ({@code messages[0].id}), or null. */
    static String messageId(JsonObject answer) {
        List<JsonObject> messages = Json.objects(answer, "messages");
        return messages.isEmpty() ? null : Json.nonBlank(messages.get(0), "id");
    }

    /** The media id in an upload's answer, or null. */
    static String mediaId(JsonObject answer) {
        return Json.nonBlank(answer, "id");
    }
}
