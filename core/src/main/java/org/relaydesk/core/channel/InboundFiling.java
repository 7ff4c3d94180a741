package org.relaydesk.core.channel;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.relaydesk.api.channel.ChannelException;
import org.relaydesk.api.channel.InboundAttachment;
import org.relaydesk.api.channel.InboundMessage;
import org.relaydesk.api.channel.RawMessage;
import org.relaydesk.core.contact.Contact;
import org.relaydesk.core.contact.ContactService;
import org.relaydesk.core.persistence.Tenancy;
import org.relaydesk.core.plugin.ChannelKind;
import org.relaydesk.core.plugin.PluginHost;
import org.relaydesk.core.text.MessageSanitizer;
import org.relaydesk.core.ticket.Actor;
import org.relaydesk.core.ticket.AttachmentService;
import org.relaydesk.core.ticket.NewTicket;
import org.relaydesk.core.ticket.Ticket;
import org.relaydesk.core.ticket.TicketService;
import org.relaydesk.core.workspace.Workspace;

/**
 * Reads one stored message with its channel's parser and files it: a reply to a message Relaydesk
 * knows (by the external ids it answers) is added to that ticket, anything else opens a ticket with
 * the account's defaults. An automatic message (an auto-reply, a bounce) that answers nothing is
 * ignored, so two robots never write each other tickets. Every message's external id is recorded
 * for the replies to come.
 */
@ApplicationScoped
public class InboundFiling {
    static final int MAX_SUBJECT = 500;
    static final String OPENED = "opened a ticket";

    /** How many messages one sender may have filed through one account in an hour; the rest wait, set aside. */
    @Inject
    @org.eclipse.microprofile.config.inject.ConfigProperty(name = "relaydesk.channels.sender-limit-per-hour", defaultValue = "30")
    int senderLimitPerHour;

    @Inject
    Tenancy tenancy;

    @Inject
    PluginHost plugins;

    @Inject
    TicketService tickets;

    @Inject
    ContactService contacts;

    @Inject
    AttachmentService attachments;

    @Inject
    org.relaydesk.core.field.CustomFieldService customFields;

    /** What happened to a stored message. */
    public record Outcome(String status, UUID ticketId, String detail) {
    }

    @Transactional(value = Transactional.TxType.REQUIRES_NEW, rollbackOn = ChannelException.class)
    public Outcome file(UUID id) {
        Object[] row = (Object[]) tenancy.sql("SELECT CAST(m.account_id AS text), m.external_id, m.content_type, m.content, m.received_at, a.kind, "
                        + "CAST(a.default_team_id AS text), CAST(a.default_category_id AS text), a.default_priority, m.attempts, a.name FROM inbound_messages m "
                        + "JOIN channel_accounts a ON a.id = m.account_id WHERE m.id = CAST(?1 AS uuid) AND m.workspace_id = CAST(?2 AS uuid) AND m.status = 'pending' "
                        + "FOR UPDATE OF m")
                .setParameter(1, id.toString()).setParameter(2, tenancy.workspaceId().toString()).getResultStream().findFirst().orElse(null);
        if (row == null) {
            return null; // filed meanwhile (the lock above makes a second filer wait, then find it done)
        }
        String kindName = row[5].toString();
        ChannelKind kind = plugins.channelKind(kindName).orElseThrow(() -> new IllegalStateException("no enabled plugin reads '" + kindName + "' messages"));
        UUID accountId = UUID.fromString(row[0].toString());
        InboundMessage message;
        try {
            message = kind.parse(accountId, new RawMessage(row[1].toString(), row[2].toString(), (byte[]) row[3], ((java.sql.Timestamp) row[4]).toInstant()));
        } catch (ChannelException e) {
            throw new IllegalStateException("the message cannot be read: " + e.getMessage(), e);
        }
        int attempts = ((Number) row[9]).intValue();
        var source = new org.relaydesk.api.inbound.MessageSource(accountId, kindName, row[10].toString());
        for (org.relaydesk.core.plugin.PluginInboundFilter filter : plugins.inboundFilters()) {
            var result = filter.apply(message, source);
            if (result.dropped()) {
                return finish(id, new Outcome("ignored", null, "dropped by " + filter.name() + ": " + result.dropReason()), message);
            }
            message = result.message();
        }
        if (message.receipt() != null) {
            record(message.receipt());
        }
        Optional<UUID> known = thread(List.of(message.externalId()));
        if (known.isPresent()) {
            // our own reply coming back (a mailbox that keeps sent mail, a Bcc) or the same message through a second account
            return finish(id, new Outcome("ignored", known.get(), "a message Relaydesk already has (sent or filed) on this ticket"), message);
        }
        if (attempts == 0 && overSenderLimit(accountId, message.fromAddress())) {
            throw new IllegalStateException("held back: more than " + senderLimitPerHour + " messages from " + message.fromAddress()
                    + " in the last hour (retry it to file it anyway)");
        }
        // a web channel's sender is whoever typed an address into a form: unproven, so it never joins an existing ticket
        boolean provenSender = !kind.capabilities().contains(org.relaydesk.api.channel.Capability.INBOUND_HTTP);
        Optional<UUID> thread = provenSender ? thread(message.references()) : Optional.empty();
        if (thread.isEmpty() && provenSender) {
            thread = byTicketToken(message);
        }
        Outcome outcome;
        String body = body(message);
        List<AttachmentService.CheckedFile> files = new java.util.ArrayList<>();
        List<String> refused = new java.util.ArrayList<>();
        for (InboundAttachment attachment : message.attachments()) {
            try {
                files.add(AttachmentService.check(attachment.filename(), attachment.content()));
            } catch (org.relaydesk.core.error.InvalidInputException e) {
                refused.add(String.join("; ", e.fieldErrors().values()));
            }
        }
        if (thread.isPresent() && message.automatic()) {
            // a bounce or an auto-reply to one of the ticket's messages: the agents see it, nobody answers it, the ticket stays as it is
            var note = tickets.addAutomatedMessage(thread.get(), automaticNote(message), true, Actor.SYSTEM);
            attachments.attachToMessage(thread.get(), note.id(), files);
            outcome = new Outcome("done", thread.get(), "an automatic message, kept on the ticket it answers as an internal note");
        } else if (thread.isPresent()) {
            Contact author = contacts.findOrCreateByEmail(message.fromAddress(), message.fromName());
            var added = tickets.addCustomerMessage(thread.get(), body, author);
            attachments.attachToMessage(thread.get(), added.id(), files);
            outcome = new Outcome("done", thread.get(), "added to the ticket it answers");
        } else if (message.automatic()) {
            outcome = new Outcome("ignored", null, "an automatic message (auto-reply or bounce) that answers no ticket");
        } else {
            String subject = message.subject() == null || message.subject().isBlank() ? "(no subject)" : message.subject().strip();
            NewTicket input = new NewTicket(subject.length() > MAX_SUBJECT ? subject.substring(0, MAX_SUBJECT) : subject,
                    MessageSanitizer.htmlToText(body), message.fromAddress(), message.fromName(), row[8] == null ? null : row[8].toString(), null,
                    uuid(row[7]), null, uuid(row[6]), null, java.util.Set.of(), ticketFields(message), kindName, null);
            Ticket ticket = tickets.create(input, Actor.SYSTEM, files);
            ticket.arrivedThrough(UUID.fromString(row[0].toString()), kindName);
            outcome = new Outcome("done", ticket.id(), OPENED);
        }
        if (outcome.ticketId() != null && !refused.isEmpty()) {
            // the files stay in the stored message; the agents learn why they are not on the ticket
            tickets.addAutomatedMessage(outcome.ticketId(), MessageSanitizer.plainToHtml("Files of the message from " + message.fromAddress()
                    + " that were not kept: " + String.join("; ", refused)), true, Actor.SYSTEM);
        }
        return finish(id, outcome, message);
    }

    private Outcome finish(UUID id, Outcome outcome, InboundMessage message) {
        if (outcome.ticketId() != null && outcome.status().equals("done")) {
            tenancy.sql("INSERT INTO message_references (workspace_id, external_id, ticket_id) VALUES (CAST(?1 AS uuid), ?2, CAST(?3 AS uuid)) "
                    + "ON CONFLICT DO NOTHING").setParameter(1, tenancy.workspaceId().toString()).setParameter(2, message.externalId())
                    .setParameter(3, outcome.ticketId().toString()).executeUpdate();
        }
        tenancy.sql("UPDATE inbound_messages SET status = ?1, ticket_id = CAST(?2 AS uuid), error = ?3, processed_at = now(), attempts = attempts + 1, "
                        + "from_address = ?5 WHERE id = CAST(?4 AS uuid)").setParameter(1, outcome.status())
                .setParameter(2, outcome.ticketId() == null ? null : outcome.ticketId().toString())
                .setParameter(3, outcome.status().equals("ignored") ? outcome.detail() : null).setParameter(4, id.toString())
                .setParameter(5, message.fromAddress()).executeUpdate();
        return outcome;
    }

    /** A message that could not be filed: kept with the reason, out of the way of the others, until someone retries it. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void setAside(UUID id, String error) {
        tenancy.sql("UPDATE inbound_messages SET status = 'failed', error = ?1, attempts = attempts + 1, processed_at = now() WHERE id = CAST(?2 AS uuid) "
                + "AND workspace_id = CAST(?3 AS uuid)").setParameter(1, error.length() > 2000 ? error.substring(0, 2000) : error)
                .setParameter(2, id.toString()).setParameter(3, tenancy.workspaceId().toString()).executeUpdate();
    }

    /** What the channel reported about a message Relaydesk sent; the newest report wins. */
    private void record(org.relaydesk.api.channel.DeliveryReceipt receipt) {
        String detail = receipt.detail() == null ? null : receipt.detail().length() > 1000 ? receipt.detail().substring(0, 1000) : receipt.detail();
        tenancy.sql("INSERT INTO message_receipts (workspace_id, external_id, status, detail) VALUES (CAST(?1 AS uuid), ?2, ?3, ?4) "
                        + "ON CONFLICT (workspace_id, external_id) DO UPDATE SET status = EXCLUDED.status, detail = EXCLUDED.detail, received_at = now()")
                .setParameter(1, tenancy.workspaceId().toString()).setParameter(2, receipt.sentId())
                .setParameter(3, receipt.status().name().toLowerCase(java.util.Locale.ROOT)).setParameter(4, detail).executeUpdate();
    }

    /** Whether the sender's messages filed through this account in the last hour reach the limit. */
    private boolean overSenderLimit(UUID accountId, String fromAddress) {
        Number filed = (Number) tenancy.sql("SELECT count(*) FROM inbound_messages WHERE account_id = CAST(?1 AS uuid) AND status = 'done' "
                        + "AND lower(from_address) = lower(?2) AND processed_at > now() - interval '1 hour'")
                .setParameter(1, accountId.toString()).setParameter(2, fromAddress).getSingleResult();
        return filed.longValue() >= senderLimitPerHour;
    }

    /**
     * A ticket number in the subject ("[#1001]") threads a message only when its sender takes part in
     * that ticket (its requester, or someone who wrote on it): anyone else quoting a number gets a
     * ticket of their own, never a look at a stranger's.
     */
    private Optional<UUID> byTicketToken(InboundMessage message) {
        if (message.subject() == null) {
            return Optional.empty();
        }
        String prefix = tenancy.global().find(Workspace.class, tenancy.workspaceId()).ticketPrefix();
        Matcher token = Pattern.compile("\\[" + Pattern.quote(prefix) + "(\\d{1,18})\\]").matcher(message.subject());
        if (!token.find()) {
            return Optional.empty();
        }
        return tenancy.sql("SELECT CAST(t.id AS text) FROM tickets t WHERE t.workspace_id = CAST(?1 AS uuid) AND t.number = ?2 AND t.merged_into_id IS NULL "
                        + "AND EXISTS (SELECT 1 FROM contact_identities i WHERE i.workspace_id = t.workspace_id AND lower(i.value) = lower(?3) AND i.kind = 'EMAIL' AND (i.contact_id = t.requester_id "
                        + "OR EXISTS (SELECT 1 FROM messages m WHERE m.ticket_id = t.id AND m.author_contact_id = i.contact_id)))")
                .setParameter(1, tenancy.workspaceId().toString()).setParameter(2, Long.parseLong(token.group(1))).setParameter(3, message.fromAddress())
                .getResultStream().findFirst().map(t -> UUID.fromString(t.toString()));
    }

    private static String automaticNote(InboundMessage message) {
        String text = message.text() != null && !message.text().isBlank() ? message.text() : MessageSanitizer.htmlToText(body(message));
        return MessageSanitizer.plainToHtml("Automatic message from " + message.fromAddress()
                + (message.subject() == null ? "" : " (" + message.subject().strip() + ")") + ", not answered:\n\n" + text);
    }

    /** The newest ticket any of the ids belongs to. */
    private Optional<UUID> thread(List<String> references) {
        if (references.isEmpty()) {
            return Optional.empty();
        }
        String ids = "{" + String.join(",", references.stream().map(r -> "\"" + r.replace("\\", "\\\\").replace("\"", "\\\"") + "\"").toList()) + "}";
        return tenancy.sql("SELECT CAST(ticket_id AS text) FROM message_references WHERE workspace_id = CAST(?1 AS uuid) "
                        + "AND external_id = ANY (CAST(?2 AS text[])) ORDER BY created_at DESC LIMIT 1")
                .setParameter(1, tenancy.workspaceId().toString()).setParameter(2, ids).getResultStream().findFirst()
                .map(t -> UUID.fromString(t.toString()));
    }

    private static String body(InboundMessage message) {
        if (message.html() != null && !message.html().isBlank()) {
            return message.html();
        }
        String text = message.text() == null || message.text().isBlank() ? "(no text)" : message.text();
        return MessageSanitizer.plainToHtml(text);
    }

    /** The form's values for the workspace's custom fields (checked when they were submitted), as the ticket keeps them. */
    private String ticketFields(InboundMessage message) {
        return message.ticketFields().isEmpty() ? null : customFields.merge(null, new java.util.LinkedHashMap<>(message.ticketFields()), false);
    }

    private static UUID uuid(Object value) {
        return value == null ? null : UUID.fromString(value.toString());
    }
}
