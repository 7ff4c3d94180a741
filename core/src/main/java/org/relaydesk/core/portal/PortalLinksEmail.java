package org.relaydesk.core.portal;

import org.relaydesk.core.job.OwnTransaction;
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

/**
 * The answer to a customer's "email me my ticket links": one link per ticket to its status page.
 * The access tokens are minted as the email is sent, so none waits in the outbox, and committed
 * before it leaves, so a link opens as soon as it arrives.
 */
@ApplicationScoped
public class PortalLinksEmail implements OutboxDeliverer {
    /** Commits the tokens of the links in a message before it leaves (see OutboxDeliverer). */
    @Inject
    OwnTransaction own;

    @Inject
    Tenancy tenancy;

    @Inject
    NoticeMailer mailer;

    @Inject
    PortalService portal;

    @Override
    public String kind() {
        return "email.portal_links";
    }

    @Override
    public void deliver(OutboxEntry entry) throws DeliveryFailed {
        JsonObject payload = entry.payloadObject();
        Workspace workspace = tenancy.global().find(Workspace.class, tenancy.workspaceId());
        StringBuilder text = new StringBuilder("Hello,\n\nhere are your requests at " + workspace.name()
                + ". Each link shows the request and its answers, and lets you reply; keep them to yourself.\n\n");
        int listed = 0;
        for (var id : payload.getJsonArray("ticket_ids").getValuesAs(jakarta.json.JsonString.class)) {
            Ticket ticket = tenancy.em().find(Ticket.class, UUID.fromString(id.getString()));
            if (ticket == null) {
                continue;
            }
            text.append(workspace.ticketPrefix()).append(ticket.number()).append("  ").append(ticket.subject()).append('\n')
                    .append(own.call(() -> portal.statusLink(ticket.id()))).append("\n\n");
            listed++;
        }
        if (listed == 0) {
            throw new DeliveryFailed("the tickets were deleted", true);
        }
        text.append("You asked for these links on our help page. If it was not you, you can ignore this email.\n");
        mailer.send(payload.getString("to"), null, "Your requests at " + workspace.name(), text.toString());
    }
}
