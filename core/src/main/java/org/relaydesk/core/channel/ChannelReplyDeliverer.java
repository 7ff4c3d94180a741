package org.relaydesk.core.channel;

import org.relaydesk.core.job.OwnTransaction;
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
import java.time.Instant;
import org.relaydesk.core.contact.Contact;
import org.relaydesk.core.contact.ContactIdentity;
import org.relaydesk.core.contact.IdentityKind;
import org.relaydesk.core.outbox.OutboxDeliverer;
import org.relaydesk.core.outbox.OutboxEntry;
import org.relaydesk.core.notice.NoticeKind;
import org.relaydesk.core.notice.NoticeTemplates;
import org.relaydesk.core.persistence.Tenancy;
import org.relaydesk.core.ticket.TicketAccessTokens;
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
 * Sends an agent's public reply back through the channel account its ticket came in by (or the
 * workspace's mailbox, wrapped in the customer reply notice with the status link, when that channel
 * cannot send), with the
 * ids of the ticket's messages so far (for the customer's mail program to thread it), and records
 * the id the channel gave it, so that the customer's answer finds the ticket.
 */
@ApplicationScoped
public class ChannelReplyDeliverer implements OutboxDeliverer {
    /** Commits the tokens of the links in a message before it leaves (see OutboxDeliverer). */
    @Inject
    OwnTransaction own;

    @Inject
    Tenancy tenancy;

    @Inject
    PluginHost plugins;

    @Inject
    ChannelAccounts accounts;

    @Inject
    ChannelRequestLog requestLog;

    @Inject
    NoticeTemplates templates;

    @Inject
    TicketAccessTokens accessTokens;

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
        // every attempt through the account goes to its request log, sent or not (written off this transaction)
        SendTrace trace = new SendTrace(tenancy.workspaceId(), accountId, Instant.now());
        try {
            requestLog.record(trace.sent(deliverThrough(account, ticket, message, payload, trace)));
        } catch (DeliveryFailed e) {
            requestLog.record(trace.failed(e));
            throw e;
        }
    }

    /** Sends the reply; the recipient and the provider's id noted on the trace. */
    private String deliverThrough(ChannelAccountRecord account, Ticket ticket, Message message, JsonObject payload, SendTrace trace)
            throws DeliveryFailed {
        UUID accountId = account.id();
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
        String toAddress = address(ticket, accountId, kind, payload.containsKey("template"));
        trace.to(toAddress);
        org.relaydesk.api.channel.TemplateMessage template = null;
        if (payload.containsKey("template")) {
            if (!kind.capabilities().contains(Capability.TEMPLATES)) {
                throw new DeliveryFailed(kind.name() + " does not send templates", true);
            }
            JsonObject t = payload.getJsonObject("template");
            java.util.Map<String, String> values = new java.util.LinkedHashMap<>();
            t.getJsonObject("values").forEach((key, value) -> values.put(key, ((jakarta.json.JsonString) value).getString()));
            template = new org.relaydesk.api.channel.TemplateMessage(t.getString("name"), t.getString("language"), values);
        }
        org.relaydesk.api.channel.InteractiveChoices choices = null;
        if (payload.containsKey("choices")) {
            if (!kind.capabilities().contains(Capability.INTERACTIVE)) {
                throw new DeliveryFailed(kind.name() + " does not show buttons or lists", true);
            }
            choices = org.relaydesk.core.ticket.ReplyExtras.choicesFrom(payload.getJsonObject("choices"));
        }
        String replyTo = payload.containsKey("reply_to") ? payload.getString("reply_to") : null;
        String subject = ticket.subject();
        String text = message.bodyText();
        String html = message.bodyHtml();
        if (payload.getBoolean("by_mailbox", false)) {
            // the ticket's own channel cannot send: the workspace's words around the reply, with the status link
            MailboxReply wrapped = MailboxReply.of(templates.current(NoticeKind.CUSTOMER_REPLY), values(workspace, ticket, message), message.bodyHtml());
            subject = wrapped.subject();
            text = wrapped.text();
            html = wrapped.html();
        }
        OutboundMessage outbound = new OutboundMessage(workspace.ticketPrefix() + ticket.number(), toAddress,
                ticket.requester().name(), subject, text, html, references.stream().map(Object::toString).toList(),
                message.authorName(), quoted(ticket, message), files, choices, template, replyTo);
        SentMessage sent;
        ChannelKind.Connector connector = null;
        try {
            connector = kind.connect(accounts.forConnector(accountId));
            sent = connector.send(outbound);
        } catch (ChannelException e) {
            if (!e.retryable()) {
                // a closed window, an opted-out customer, a message the provider refuses: the same send fails again, so it ends here, saying why
                throw new DeliveryFailed(finalReason(e, kind), true);
            }
            throw new DeliveryFailed(org.relaydesk.core.net.ConnectionErrors.forAdmin(e, "Sending a reply through channel account " + accountId), false);
        } finally {
            if (connector != null) {
                connector.close();
            }
        }
        message.sentAs(sent.externalId());
        for (String part : sent.parts()) {
            // a customer may answer or react to any part (a photo of several): each finds the ticket
            tenancy.sql("INSERT INTO message_references (workspace_id, external_id, ticket_id) VALUES (CAST(?1 AS uuid), ?2, CAST(?3 AS uuid)) "
                    + "ON CONFLICT DO NOTHING").setParameter(1, tenancy.workspaceId().toString()).setParameter(2, part)
                    .setParameter(3, ticket.id().toString()).executeUpdate();
            if (sent.parts().size() > 1) {
                tenancy.sql("INSERT INTO message_parts (workspace_id, message_id, external_id) VALUES (CAST(?1 AS uuid), CAST(?2 AS uuid), ?3) "
                        + "ON CONFLICT DO NOTHING").setParameter(1, tenancy.workspaceId().toString()).setParameter(2, message.id().toString())
                        .setParameter(3, part).executeUpdate();
            }
        }
        return sent.externalId();
    }

    /**
     * Where the reply goes on this account: the requester's identity of the channel's address kind (a
     * WhatsApp id, a phone number, an email address). Never to an address that opted out, and never
     * free text through a closed conversation window (also rule notifications, which no agent checked):
     * both end the send for good, saying why.
     */
    private String address(Ticket ticket, UUID accountId, ChannelKind kind, boolean isTemplate) throws DeliveryFailed {
        IdentityKind wanted = IdentityKind.of(kind.addressKind());
        Contact requester = ticket.requester();
        if (wanted == IdentityKind.EMAIL && requester.primaryEmail() != null) {
            return requester.primaryEmail();
        }
        ContactIdentity identity = requester.identity(wanted).orElseThrow(() -> new DeliveryFailed("the customer has no "
                + wanted.apiName() + " address for " + kind.name(), true));
        if (identity.optedOut()) {
            throw new DeliveryFailed("the customer opted out of messages on " + kind.name(), true);
        }
        if (!isTemplate && kind.conversationWindow().isPresent()) {
            List<?> last = tenancy.sql("SELECT last_customer_message_at FROM contact_channel_activity WHERE contact_id = CAST(?1 AS uuid) "
                    + "AND account_id = CAST(?2 AS uuid)").setParameter(1, requester.id().toString()).setParameter(2, accountId.toString()).getResultList();
            Instant lastMessage = last.isEmpty() ? null : ((java.sql.Timestamp) last.get(0)).toInstant();
            if (!kind.conversationWindow().get().isOpen(lastMessage, Instant.now())) {
                throw new DeliveryFailed("the conversation window closed (" + kind.conversationWindow().get().reason()
                        + "); only a template can reach the customer now", true);
            }
        }
        return identity.value();
    }

    private java.util.Map<String, String> values(Workspace workspace, Ticket ticket, Message message) {
        java.util.Map<String, String> values = new java.util.HashMap<>();
        String number = workspace.displayNumber(ticket.number());
        values.put("customer_name", ticket.requester().name());
        values.put("contact.name", ticket.requester().name());
        values.put("ticket_number", number);
        values.put("ticket.number", number);
        values.put("ticket.subject", ticket.subject());
        values.put("agent_name", message.authorName());
        values.put("workspace_name", workspace.name());
        values.put("reply", message.bodyText());
        values.put("status_link", NoticeMailer.baseUrl() + "/track.html#ticket=" + ticket.id() + "&token=" + own.call(() -> accessTokens.mint(ticket.id())));
        return values;
    }

    /** Why a send failed for good, in words for the agent who wrote it. */
    static String finalReason(ChannelException e, ChannelKind kind) {
        return switch (e.failure()) {
            case WINDOW_CLOSED -> "the conversation window closed" + kind.conversationWindow().map(w -> " (" + w.reason() + ")").orElse("")
                    + "; only a template can reach the customer now";
            case OPTED_OUT -> "the customer opted out of messages on " + kind.name();
            default -> "the provider refused it" + (e.getMessage() == null || e.getMessage().isBlank() ? "" : ": " + e.getMessage());
        };
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
        if (ticket.description() == null || ticket.description().isBlank()) {
            return null; // a ticket opened through the API with a subject only: nothing to quote
        }
        return new QuotedMessage(ticket.requester().name(), ticket.createdAt(), MessageSanitizer.htmlToText(ticket.description()));
    }
}
