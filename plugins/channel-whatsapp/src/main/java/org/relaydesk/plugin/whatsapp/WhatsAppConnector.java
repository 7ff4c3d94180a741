package org.relaydesk.plugin.whatsapp;

import java.time.Clock;
import java.util.List;
import org.relaydesk.api.channel.ChannelConnector;
import org.relaydesk.api.channel.ChannelException;
import org.relaydesk.api.channel.HttpChannelContext;
import org.relaydesk.api.channel.HttpRequest;
import org.relaydesk.api.channel.HttpResponse;
import org.relaydesk.api.channel.MessageTemplate;
import org.relaydesk.api.channel.OutboundMessage;
import org.relaydesk.api.channel.SentMessage;

/** One WhatsApp number: its webhook in, its replies and templates through the Graph API. */
final class WhatsAppConnector implements ChannelConnector {
    private final Webhook webhook;
    /** Null when the host gave no services (a pre-1.3 host): then nothing can be sent. */
    private final Graph graph;

    WhatsAppConnector(WhatsAppSettings settings, Graph graph, Clock clock) {
        this.webhook = new Webhook(settings, clock);
        this.graph = graph;
    }

    @Override
    public HttpResponse handle(HttpRequest request, HttpChannelContext context) {
        return webhook.handle(request, context);
    }

    @Override
    public SentMessage send(OutboundMessage message) throws ChannelException {
        // the recipient and the message's shape are checked before anything else: a bad one is refused for good, whatever the host offers
        OutgoingMessages.recipient(message.toAddress());
        return new Sender(graph()).send(message);
    }

    @Override
    public List<MessageTemplate> templates() throws ChannelException {
        return new TemplateCatalog(graph()).list();
    }

    private Graph graph() throws ChannelException {
        if (graph == null) {
            throw new ChannelException("This server gives the WhatsApp channel no HTTP client (it needs plugin API 1.3 or later)");
        }
        return graph;
    }
}
