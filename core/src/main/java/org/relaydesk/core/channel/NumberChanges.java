package org.relaydesk.core.channel;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.relaydesk.api.channel.InboundMessage;
import org.relaydesk.core.contact.ContactService;
import org.relaydesk.core.contact.IdentityKind;
import org.relaydesk.core.persistence.Tenancy;
import org.relaydesk.core.plugin.ChannelKind;
import org.relaydesk.core.text.MessageSanitizer;
import org.relaydesk.core.ticket.Actor;
import org.relaydesk.core.ticket.TicketService;

/**
 * A messaging provider's notice that a customer now writes from another number: the contact moves to
 * it (ContactService#changeNumber), so the conversation, its window and its opt-out continue there,
 * and the conversation's ticket gets an internal note saying so. A new number that another contact
 * has already is left for the agents to judge (the note says whom to merge).
 */
@ApplicationScoped
class NumberChanges {
    static final Actor WHATSAPP_NOTICE = new Actor("system", null, "Number change");

    @Inject
    Tenancy tenancy;

    @Inject
    ContactService contacts;

    @Inject
    TicketService tickets;

    /** Runs inside {@link InboundFiling#file}'s transaction. */
    InboundFiling.Outcome file(ChannelKind kind, UUID accountId, InboundMessage message) {
        InboundMessage.AddressChange change = message.addressChange();
        IdentityKind identityKind = IdentityKind.of(kind.addressKind());
        ContactService.NumberChange result = contacts.changeNumber(identityKind, change.oldAddress(), change.newAddress());
        String said = message.text() == null || message.text().isBlank() ? "The customer changed their number" : message.text().strip();
        if (result.outcome() == ContactService.NumberChange.Outcome.UNKNOWN) {
            return new InboundFiling.Outcome("ignored", null, said + " (no contact has the old number)");
        }
        Optional<UUID> ticket = conversationTicket(result.contact().id(), accountId);
        String shown = shown(identityKind, change.oldAddress()) + " to " + shown(identityKind, change.newAddress());
        String note = result.outcome() == ContactService.NumberChange.Outcome.MOVED
                ? result.contact().name() + " changed their " + kind.name() + " number from " + shown + ". Replies now go to the new number; "
                        + "the old one was removed from the contact, since it may be given to someone else."
                : result.contact().name() + " says they changed their " + kind.name() + " number from " + shown + ", but the new number belongs to "
                        + result.holder().name() + ". Nothing was changed: if they are the same person, merge the two contacts.";
        if (ticket.isEmpty()) {
            return new InboundFiling.Outcome("done", null, note);
        }
        tickets.addAutomatedMessage(ticket.get(), MessageSanitizer.plainToHtml(note), true, WHATSAPP_NOTICE);
        return new InboundFiling.Outcome("done", ticket.get(), "the customer's number changed; noted on the conversation's ticket");
    }

    /** The contact's most recently active ticket through this account, open or not. */
    private Optional<UUID> conversationTicket(UUID contactId, UUID accountId) {
        List<?> ids = tenancy.sql("SELECT CAST(id AS text) FROM tickets WHERE workspace_id = CAST(?1 AS uuid) AND requester_id = CAST(?2 AS uuid) "
                        + "AND channel_account_id = CAST(?3 AS uuid) AND merged_into_id IS NULL ORDER BY updated_at DESC LIMIT 1")
                .setParameter(1, tenancy.workspaceId().toString()).setParameter(2, contactId.toString()).setParameter(3, accountId.toString())
                .getResultList();
        return ids.isEmpty() ? Optional.empty() : Optional.of(UUID.fromString(ids.get(0).toString()));
    }

    private static String shown(IdentityKind kind, String address) {
        return kind == IdentityKind.WHATSAPP && !address.startsWith("+") ? "+" + address : address;
    }
}
