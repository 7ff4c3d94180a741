package org.relaydesk.core.portal;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import java.util.UUID;
import org.relaydesk.core.channel.NoticeMailer;
import org.relaydesk.core.outbox.OutboxDeliverer;
import org.relaydesk.core.outbox.OutboxEntry;
import org.relaydesk.core.persistence.Tenancy;
import org.relaydesk.core.ticket.Ticket;
import org.relaydesk.core.workspace.Workspace;

/** "We have your request": sent to a customer who used a web form, with the ticket's number and its status page. */
@ApplicationScoped
public class TicketReceivedEmail implements OutboxDeliverer {
    static final String KIND = "email.ticket_received";

    @Inject
    Tenancy tenancy;

    @Inject
    NoticeMailer mailer;

    @Inject
    PortalService portal;

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public void deliver(OutboxEntry entry) throws DeliveryFailed {
        JsonObject payload = entry.payloadObject();
        Ticket ticket = tenancy.em().find(Ticket.class, UUID.fromString(payload.getString("ticket_id")));
        if (ticket == null) {
            throw new DeliveryFailed("the ticket was deleted", true);
        }
        Workspace workspace = tenancy.global().find(Workspace.class, tenancy.workspaceId());
        String number = workspace.ticketPrefix() + ticket.number();
        mailer.send(payload.getString("to"), ticket.requester().name(), "[" + number + "] We have your request: " + ticket.subject(),
                "Hello,\n\nthank you for writing to " + workspace.name() + ". Your request " + number + " (" + ticket.subject()
                        + ") is with us, and we will answer by email.\n\nYou can follow it, and add to it, here:\n\n"
                        + portal.statusLink(ticket.id()) + "\n\nKeep this link to yourself: it opens your request.\n");
    }
}
