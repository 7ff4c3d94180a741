package org.relaydesk.core.channel;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import java.util.List;
import java.util.UUID;
import org.relaydesk.api.channel.Capability;
import org.relaydesk.api.channel.ChannelException;
import org.relaydesk.api.channel.OutboundAttachment;
import org.relaydesk.api.channel.OutboundMessage;
import org.relaydesk.api.channel.QuotedMessage;
import org.relaydesk.api.channel.SentMessage;
import org.relaydesk.core.outbox.OutboxDeliverer;
import org.relaydesk.core.outbox.OutboxEntry;
import org.relaydesk.core.persistence.Tenancy;
import org.relaydesk.core.plugin.ChannelKind;
import org.relaydesk.core.plugin.PluginHost;
import org.relaydesk.core.text.MessageSanitizer;
import org.relaydesk.core.ticket.Attachment;
import org.relaydesk.core.ticket.Message;
import org.relaydesk.core.ticket.MessageKind;
import org.relaydesk.core.ticket.Ticket;
import org.relaydesk.core.ticket.TicketService;
import org.relaydesk.core.workspace.Workspace;

/**
 * Sends an agent's public reply back through the channel account its ticket came in by, with the
 * ids of the ticket's messages so far (for the customer's mail program to thread it), and records
 * the id the channel gave it, so that the customer's answer finds the ticket.
 */
@ApplicationScoped
public class ChannelReplyDeliverer implements OutboxDeliverer {
    @Inject
    Tenancy tenancy;

    @Inject
    PluginHost plugins;

    @Inject
    ChannelAccounts accounts;

    @Override
    public String kind() {
        return TicketService.CHANNEL_REPLY;
    }

    @Override
    public void deliver(OutboxEntry entry) throws DeliveryFailed {
        JsonObject payload = entry.payloadObject();
        Ticket ticket = tenancy.em().find(Ticket.class, UUID.fromString(payload.getString("ticket_id")));
        Message message = tenancy.em().find(Message.class, UUID.fromString(payload.getString("message_id")));
        if (ticket == null || message == null) {
            throw new DeliveryFailed("the ticket or the reply was deleted", true);
        }
        UUID accountId = UUID.fromString(payload.getString("account_id"));
        ChannelAccountRecord account = tenancy.em().find(ChannelAccountRecord.class, accountId);
        if (account == null) {
            throw new DeliveryFailed("the channel account was deleted", true);
        }
        ChannelKind kind = plugins.channelKind(account.kind()).orElseThrow(() -> new DeliveryFailed("no enabled plugin offers '" + account.kind()
                + "' (it is tried again)", false));
        if (!kind.capabilities().contains(Capability.OUTBOUND)) {
            throw new DeliveryFailed(kind.name() + " does not send replies", true);
        }
        Workspace workspace = tenancy.global().find(Workspace.class, tenancy.workspaceId());
        @SuppressWarnings("unchecked")
        List<Object> references = tenancy.sql("SELECT external_id FROM message_references WHERE workspace_id = CAST(?1 AS uuid) "
                + "AND ticket_id = CAST(?2 AS uuid) ORDER BY created_at").setParameter(1, tenancy.workspaceId().toString())
                .setParameter(2, ticket.id().toString()).getResultList();
        List<OutboundAttachment> files = tenancy.em().createQuery("SELECT a FROM Attachment a WHERE a.messageId = :m ORDER BY a.createdAt",
                Attachment.class).setParameter("m", message.id()).getResultList().stream()
                .map(a -> new OutboundAttachment(a.fileName(), a.contentType(), a.content())).toList();
        OutboundMessage outbound = new OutboundMessage(workspace.ticketPrefix() + ticket.number(), ticket.requester().primaryEmail(),
                ticket.requester().name(), ticket.subject(), message.bodyText(), message.bodyHtml(), references.stream().map(Object::toString).toList(),
                message.authorName(), quoted(ticket, message), files);
        SentMessage sent;
        ChannelKind.Connector connector = null;
        try {
            connector = kind.connect(accounts.forConnector(accountId));
            sent = connector.send(outbound);
        } catch (ChannelException e) {
            throw new DeliveryFailed(org.relaydesk.core.net.ConnectionErrors.forAdmin(e, "Sending a reply through channel account " + accountId), false);
        } finally {
            if (connector != null) {
                connector.close();
            }
        }
        message.sentAs(sent.externalId());
        tenancy.sql("INSERT INTO message_references (workspace_id, external_id, ticket_id) VALUES (CAST(?1 AS uuid), ?2, CAST(?3 AS uuid)) "
                + "ON CONFLICT DO NOTHING").setParameter(1, tenancy.workspaceId().toString()).setParameter(2, sent.externalId())
                .setParameter(3, ticket.id().toString()).executeUpdate();
    }

    /**
     * What the reply answers: the newest public message before it in this customer's conversation
     * (never one merged in from another customer's ticket), or the ticket's description.
     */
    private QuotedMessage quoted(Ticket ticket, Message reply) {
        List<Message> earlier = tenancy.em().createQuery("SELECT m FROM Message m WHERE m.ticketId = :t AND m.kind = :kind "
                        + "AND m.createdAt < :at AND m.id <> :id AND (m.conversationContactId IS NULL OR m.conversationContactId = :customer) "
                        + "ORDER BY m.createdAt DESC", Message.class)
                .setParameter("t", ticket.id()).setParameter("kind", MessageKind.REPLY).setParameter("at", reply.createdAt())
                .setParameter("id", reply.id()).setParameter("customer", ticket.requester().id()).setMaxResults(1).getResultList();
        if (!earlier.isEmpty()) {
            Message last = earlier.get(0);
            return new QuotedMessage(last.authorName(), last.createdAt(), last.bodyText());
        }
        return new QuotedMessage(ticket.requester().name(), ticket.createdAt(), MessageSanitizer.htmlToText(ticket.description()));
    }
}
