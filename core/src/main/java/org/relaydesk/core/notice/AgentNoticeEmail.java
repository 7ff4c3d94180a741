package org.relaydesk.core.notice;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.relaydesk.core.channel.NoticeMailer;
import org.relaydesk.core.outbox.OutboxDeliverer;
import org.relaydesk.core.outbox.OutboxEntry;
import org.relaydesk.core.persistence.Tenancy;
import org.relaydesk.core.ticket.Message;
import org.relaydesk.core.ticket.Ticket;
import org.relaydesk.core.user.User;
import org.relaydesk.core.workspace.Workspace;

/** Sends a queued agent notice ({@link AgentNotices}) in the workspace's wording, with a link to the ticket (and to the message). */
@ApplicationScoped
public class AgentNoticeEmail implements OutboxDeliverer {
    static final int EXCERPT = 600;

    @Inject
    Tenancy tenancy;

    @Inject
    NoticeMailer mailer;

    @Inject
    NoticeTemplates templates;

    @Inject
    AgentNotices notices;

    @Override
    public String kind() {
        return AgentNotices.KIND;
    }

    @Override
    public void deliver(OutboxEntry entry) throws DeliveryFailed {
        JsonObject payload = entry.payloadObject();
        NoticeKind notice = NoticeKind.of(payload.getString("notice")).orElseThrow(() -> new DeliveryFailed("unknown notice", true));
        User to = tenancy.em().find(User.class, UUID.fromString(payload.getString("user_id")));
        Ticket ticket = tenancy.em().find(Ticket.class, UUID.fromString(payload.getString("ticket_id")));
        if (to == null || !to.active() || ticket == null) {
            return; // no one to tell, or nothing to tell of any more
        }
        if (!notices.maySee(to, ticket)) {
            return; // they lost access since: the notice would show them the ticket
        }
        Message message = payload.containsKey("message_id") ? tenancy.em().find(Message.class, UUID.fromString(payload.getString("message_id"))) : null;
        Workspace workspace = tenancy.global().find(Workspace.class, tenancy.workspaceId());
        String number = workspace.displayNumber(ticket.number());
        Map<String, String> values = new HashMap<>();
        values.put("agent_name", to.name());
        values.put("actor_name", payload.getString("actor_name", ""));
        values.put("customer_name", ticket.requester().name());
        values.put("contact.name", ticket.requester().name());
        values.put("ticket_number", number);
        values.put("ticket.number", number);
        values.put("ticket.subject", ticket.subject());
        values.put("workspace_name", workspace.name());
        values.put("excerpt", message == null ? "" : excerpt(message.bodyText()));
        values.put("ticket_link", NoticeMailer.baseUrl() + "/agent/tickets/" + ticket.number() + (message == null ? "" : "#message-" + message.id()));
        NoticeText text = templates.render(notice, values);
        mailer.send(to.email(), to.name(), text.subject(), text.body());
    }

    static String excerpt(String text) {
        String stripped = text == null ? "" : text.strip();
        return stripped.length() <= EXCERPT ? stripped : stripped.substring(0, EXCERPT) + "…";
    }
}
