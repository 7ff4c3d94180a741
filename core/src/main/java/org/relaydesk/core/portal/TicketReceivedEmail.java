package org.relaydesk.core.portal;

import org.relaydesk.core.job.OwnTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import java.util.UUID;
import org.relaydesk.core.channel.NoticeMailer;
import org.relaydesk.core.outbox.OutboxDeliverer;
import org.relaydesk.core.outbox.OutboxEntry;
import org.relaydesk.core.notice.NoticeKind;
import org.relaydesk.core.notice.NoticeTemplates;
import org.relaydesk.core.notice.NoticeText;
import org.relaydesk.core.persistence.Tenancy;
import org.relaydesk.core.ticket.Ticket;
import org.relaydesk.core.workspace.Workspace;

/** "We have your request": sent to a customer who used a web form, with the ticket's number and its status page, in the workspace's wording (NoticeKind.TICKET_RECEIVED). */
@ApplicationScoped
public class TicketReceivedEmail implements OutboxDeliverer {
    static final String KIND = "email.ticket_received";

    /** Commits the tokens of the links in a message before it leaves (see OutboxDeliverer). */
    @Inject
    OwnTransaction own;

    @Inject
    Tenancy tenancy;

    @Inject
    NoticeMailer mailer;

    @Inject
    PortalService portal;

    @Inject
    NoticeTemplates templates;

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
        String number = workspace.displayNumber(ticket.number());
        java.util.Map<String, String> values = new java.util.HashMap<>();
        values.put("customer_name", ticket.requester().name());
        values.put("contact.name", ticket.requester().name());
        values.put("ticket_number", number);
        values.put("ticket.number", number);
        values.put("ticket.subject", ticket.subject());
        values.put("workspace_name", workspace.name());
        values.put("status_link", own.call(() -> portal.statusLink(ticket.id())));
        NoticeText text = templates.render(NoticeKind.TICKET_RECEIVED, values);
        mailer.send(payload.getString("to"), ticket.requester().name(), text.subject(), text.body());
    }
}
