package org.relaydesk.core.channel;

import jakarta.json.JsonObject;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.relaydesk.api.channel.ChannelException;
import org.relaydesk.api.channel.HttpRequest;
import org.relaydesk.api.channel.HttpResponse;
import org.relaydesk.api.channel.InboundSink;
import org.relaydesk.api.channel.RawMessage;
import org.relaydesk.core.persistence.Ids;
import org.relaydesk.core.text.Jsonp;

/**
 * What one web request to an account's public address did, for the request log: the ids of the
 * messages its connector stored and who they are from, and the answer. Only what the connector
 * accepted is looked at (an unsigned body is never read), and never the query string (a
 * provider's verify token travels there).
 */
final class RequestTrace {
    /** Where messaging providers put the customer's number in a stored item (WhatsApp: from, wa_id, recipient_id). */
    private static final Pattern ADDRESS = Pattern.compile("\"(?:from|wa_id|recipient_id)\"\\s*:\\s*\"([^\"]{1,64})\"");
    private static final int MAX_TEXT = 300;

    private final UUID workspaceId;
    private final UUID accountId;
    private final HttpRequest request;
    private final Instant at;
    private final List<String> messageIds = new ArrayList<>();
    private final List<String> addresses = new ArrayList<>();

    RequestTrace(UUID workspaceId, UUID accountId, HttpRequest request, Instant at) {
        this.at = at;
        this.workspaceId = workspaceId;
        this.accountId = accountId;
        this.request = request;
    }

    /** The inbox, noting what passes through it. */
    InboundSink watching(InboundSink inbox) {
        return new InboundSink() {
            @Override
            public boolean accept(RawMessage message) throws ChannelException {
                boolean added = inbox.accept(message);
                noted(message);
                return added;
            }
        };
    }

    private synchronized void noted(RawMessage message) {
        if (messageIds.size() >= ChannelRequest.MAX_IDS) {
            return;
        }
        messageIds.add(message.externalId());
        if (message.contentType().contains("json") && message.content().length < 64 * 1024) {
            Matcher found = ADDRESS.matcher(new String(message.content(), StandardCharsets.UTF_8));
            while (found.find() && addresses.size() < ChannelRequest.MAX_IDS) {
                addresses.add(found.group(1));
            }
        }
    }

    synchronized ChannelRequest answered(HttpResponse answer) {
        String error = answer.status() < 400 ? null : reason(answer);
        return new ChannelRequest(Ids.newId(), workspaceId, accountId, ChannelRequest.IN, at, request.method(), shortened(request.path(), 200),
                answer.status(), ChannelRequest.outcomeOf(answer.status()), messageIds, addresses, null, error, request.body().length);
    }

    /** The connector's words for a refusal: its JSON's message, or its text. */
    private static String reason(HttpResponse answer) {
        String body = new String(answer.body(), StandardCharsets.UTF_8);
        if (answer.contentType().contains("json")) {
            try (var reader = Jsonp.createReader(new StringReader(body))) {
                if (reader.read() instanceof JsonObject json && json.get("message") instanceof jakarta.json.JsonString message) {
                    return shortened(message.getString(), ChannelRequest.MAX_ERROR);
                }
            } catch (RuntimeException notJson) {
                return shortened(body, MAX_TEXT);
            }
        }
        return shortened(body, MAX_TEXT);
    }

    private static String shortened(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max) + "…";
    }
}
