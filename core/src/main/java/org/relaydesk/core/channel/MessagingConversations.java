package org.relaydesk.core.channel;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.relaydesk.api.channel.InboundMessage;
import org.relaydesk.core.contact.Contact;
import org.relaydesk.core.contact.ContactIdentity;
import org.relaydesk.core.contact.ContactService;
import org.relaydesk.core.contact.IdentityKind;
import org.relaydesk.core.persistence.Tenancy;
import org.relaydesk.core.plugin.ChannelKind;
import org.relaydesk.core.text.MessageSanitizer;
import org.relaydesk.core.ticket.Actor;
import org.relaydesk.core.ticket.AttachmentService;
import org.relaydesk.core.ticket.NewTicket;
import org.relaydesk.core.ticket.Ticket;
import org.relaydesk.core.ticket.TicketService;

/**
 * Files a message of a messaging channel (WhatsApp): its sender is proven by the channel and is a
 * contact by the channel's address kind, and the conversation continues where the customer left it.
 * In order: the ticket of the message it answers or reacts to; the contact's newest open ticket that
 * came in through the same account; a ticket of theirs on that account solved less than the
 * workspace's reopen time ago, reopened; else a new ticket. Tickets of other accounts (another
 * number) are never joined: each number is its own conversation. STOP and START set and clear the
 * sender's opt-out, with a note for the agents; the provider's notice of a changed number moves the
 * contact ({@link NumberChanges}).
 */
@ApplicationScoped
public class MessagingConversations {
    /** Subjects of messaging tickets are their first line, this long at most. */
    static final int SUBJECT_LENGTH = 80;
    static final Set<String> STOP_WORDS = Set.of("STOP", "UNSUBSCRIBE", "STOP ALL");
    static final Set<String> START_WORDS = Set.of("START", "SUBSCRIBE", "UNSTOP");

    @Inject
    Tenancy tenancy;

    @Inject
    TicketService tickets;

    @Inject
    ContactService contacts;

    @Inject
    AttachmentService attachments;

    @Inject
    NumberChanges numberChanges;

    /** The account's defaults for a new ticket. */
    public record AccountDefaults(UUID teamId, UUID categoryId, String priority) {
    }

    /** Runs inside {@link InboundFiling#file}'s transaction. */
    InboundFiling.Outcome file(ChannelKind kind, UUID accountId, AccountDefaults defaults, InboundMessage message, Instant receivedAt,
            Optional<UUID> referenced, String body, List<AttachmentService.CheckedFile> files) {
        if (message.addressChange() != null) {
            return numberChanges.file(kind, accountId, message);
        }
        if (message.automatic()) {
            // an event of the provider's (a template's review, an account notice) or an automatic reply: recorded, never a ticket
            if (referenced.isPresent()) {
                var note = tickets.addAutomatedMessage(referenced.get(), InboundFiling.automaticNote(message), true, Actor.SYSTEM);
                attachments.attachToMessage(referenced.get(), note.id(), files);
                return new InboundFiling.Outcome("done", referenced.get(), "an automatic message, kept on the ticket it answers as an internal note");
            }
            String what = message.text() == null || message.text().isBlank() ? "an automatic message that answers no ticket" : message.text().strip();
            return new InboundFiling.Outcome("ignored", null, what.length() > 1000 ? what.substring(0, 1000) : what);
        }
        IdentityKind identityKind = IdentityKind.of(kind.addressKind());
        Contact contact = contacts.findOrCreateByIdentity(identityKind, message.fromAddress(), message.fromName());
        ContactIdentity identity = contacts.identity(identityKind, message.fromAddress()).orElseThrow();
        Instant at = message.sentAt() != null ? message.sentAt() : receivedAt;
        // a reply's context threads only into a ticket of this sender on this number: a quoted wamid is not a key to someone else's ticket
        Optional<UUID> thread = referenced.filter(ticketId -> activeConversation(ticketId, contact.id(), accountId));
        String detail;
        if (thread.isEmpty()) {
            thread = openTicket(contact.id(), accountId);
        }
        if (thread.isPresent()) {
            detail = "added to the conversation's open ticket";
        } else {
            thread = recentlySolved(contact.id(), accountId);
            detail = "reopened the conversation's ticket, solved lately";
        }
        UUID ticketId;
        if (thread.isPresent()) {
            ticketId = thread.get();
            var added = tickets.addCustomerMessage(ticketId, body, contact, kind.kind(), accountId);
            added.receivedAs(message.externalId());
            attachments.attachToMessage(ticketId, added.id(), files);
        } else {
            NewTicket input = new NewTicket(subject(kind, message, contact), MessageSanitizer.htmlToText(body),
                    identityKind == IdentityKind.EMAIL ? identity.value() : null, contact.name(), defaults.priority(), null, defaults.categoryId(),
                    null, defaults.teamId(), null, Set.of(), null, kind.kind(), null,
                    identityKind == IdentityKind.PHONE ? identity.value() : null, identityKind == IdentityKind.WHATSAPP ? identity.value() : null);
            Ticket ticket = tickets.create(input, Actor.SYSTEM, files);
            ticket.arrivedThrough(accountId, kind.kind());
            ticketId = ticket.id();
            detail = InboundFiling.OPENED;
        }
        wrote(contact.id(), accountId, at);
        optOutKeyword(message, identity, kind, ticketId, at);
        return new InboundFiling.Outcome("done", ticketId, detail);
    }

    /**
     * A referenced ticket still being worked (not merged into another), whose requester is the sender
     * and which is not another number's conversation (one opened by an agent and answered through
     * this number has no account of its own); a finished one is judged like any other.
     */
    private boolean activeConversation(UUID ticketId, UUID contactId, UUID accountId) {
        return !tenancy.sql("SELECT 1 FROM tickets WHERE id = CAST(?1 AS uuid) AND merged_into_id IS NULL AND status NOT IN ('CLOSED', 'CANCELLED') "
                        + "AND requester_id = CAST(?2 AS uuid) AND (channel_account_id IS NULL OR channel_account_id = CAST(?3 AS uuid))")
                .setParameter(1, ticketId.toString()).setParameter(2, contactId.toString()).setParameter(3, accountId.toString())
                .getResultList().isEmpty();
    }

    private Optional<UUID> openTicket(UUID contactId, UUID accountId) {
        return first(tenancy.sql("SELECT CAST(id AS text) FROM tickets WHERE workspace_id = CAST(?1 AS uuid) AND requester_id = CAST(?2 AS uuid) "
                        + "AND channel_account_id = CAST(?3 AS uuid) AND merged_into_id IS NULL AND status IN ('NEW', 'OPEN', 'IN_PROGRESS', "
                        + "'WAITING_ON_CUSTOMER', 'WAITING_ON_THIRD_PARTY') ORDER BY updated_at DESC LIMIT 1")
                .setParameter(1, tenancy.workspaceId().toString()).setParameter(2, contactId.toString()).setParameter(3, accountId.toString())
                .getResultList());
    }

    /** A resolved ticket of the conversation, solved less than the workspace's reopen time ago (TicketService reopens it). */
    private Optional<UUID> recentlySolved(UUID contactId, UUID accountId) {
        return first(tenancy.sql("SELECT CAST(t.id AS text) FROM tickets t JOIN workspaces w ON w.id = t.workspace_id "
                        + "WHERE t.workspace_id = CAST(?1 AS uuid) AND t.requester_id = CAST(?2 AS uuid) AND t.channel_account_id = CAST(?3 AS uuid) "
                        + "AND t.merged_into_id IS NULL AND t.status = 'RESOLVED' AND t.resolved_at > now() - make_interval(hours => w.messaging_reopen_hours) "
                        + "ORDER BY t.resolved_at DESC LIMIT 1")
                .setParameter(1, tenancy.workspaceId().toString()).setParameter(2, contactId.toString()).setParameter(3, accountId.toString())
                .getResultList());
    }

    private static Optional<UUID> first(List<?> ids) {
        return ids.isEmpty() ? Optional.empty() : Optional.of(UUID.fromString(ids.get(0).toString()));
    }

    /** The conversation window runs from the customer's last message on the account. */
    private void wrote(UUID contactId, UUID accountId, Instant at) {
        tenancy.sql("INSERT INTO contact_channel_activity (workspace_id, contact_id, account_id, last_customer_message_at) "
                        + "VALUES (CAST(?1 AS uuid), CAST(?2 AS uuid), CAST(?3 AS uuid), ?4) ON CONFLICT (contact_id, account_id) "
                        + "DO UPDATE SET last_customer_message_at = GREATEST(contact_channel_activity.last_customer_message_at, EXCLUDED.last_customer_message_at)")
                .setParameter(1, tenancy.workspaceId().toString()).setParameter(2, contactId.toString()).setParameter(3, accountId.toString())
                .setParameter(4, java.sql.Timestamp.from(at)).executeUpdate();
    }

    /** Whether the whole message is STOP or START (any case, spaces around): a setting, never answered. */
    static boolean isOptKeyword(InboundMessage message) {
        String word = keyword(message);
        return STOP_WORDS.contains(word) || START_WORDS.contains(word);
    }

    private static String keyword(InboundMessage message) {
        return message.text() == null ? "" : message.text().strip().replaceAll("\\s+", " ").toUpperCase(Locale.ROOT);
    }

    /**
     * STOP / START as the whole message (any case, spaces around): the sender's identity opted out or
     * in, and the agents told. Only a keyword written after the identity's last one counts: messages
     * may be delivered out of order, and a STOP that arrives late must not undo the START after it.
     */
    private void optOutKeyword(InboundMessage message, ContactIdentity identity, ChannelKind kind, UUID ticketId, Instant writtenAt) {
        String word = keyword(message);
        boolean stop = STOP_WORDS.contains(word);
        if (!stop && !START_WORDS.contains(word)) {
            return;
        }
        boolean latest = tenancy.sql("UPDATE contact_identities SET keyword_at = ?1 WHERE id = CAST(?2 AS uuid) AND (keyword_at IS NULL OR keyword_at <= ?1)")
                .setParameter(1, java.sql.Timestamp.from(writtenAt)).setParameter(2, identity.id().toString()).executeUpdate() == 1;
        if (!latest) {
            tickets.addAutomatedMessage(ticketId, MessageSanitizer.plainToHtml("The customer's " + word + " was written before their last STOP or START "
                    + "and arrived late: it changes nothing."), true, new Actor("system", null, "Opt-out"));
            return;
        }
        if (!contacts.setOptedOut(identity.id(), stop)) {
            return;
        }
        String address = identity.kind() == IdentityKind.WHATSAPP ? "+" + identity.value() : identity.value();
        String note = stop
                ? "The customer sent " + word + ": nothing more will be sent to " + address + " on " + kind.name()
                        + " until they send START. Replies, templates and notifications to this address are refused."
                : "The customer sent " + word + ": " + address + " on " + kind.name() + " may be written to again.";
        tickets.addAutomatedMessage(ticketId, MessageSanitizer.plainToHtml(note), true, new Actor("system", null, "Opt-out"));
    }

    /** The first line of the text, or "<channel> message from <name>" when there is no text (a photo). */
    static String subject(ChannelKind kind, InboundMessage message, Contact contact) {
        String text = message.subject() != null && !message.subject().isBlank() ? message.subject() : message.text();
        String line = text == null ? "" : text.strip().lines().findFirst().orElse("").strip();
        if (line.isEmpty()) {
            return kind.name() + " message from " + contact.name();
        }
        return line.length() > SUBJECT_LENGTH ? line.substring(0, SUBJECT_LENGTH - 1).strip() + "…" : line;
    }
}
