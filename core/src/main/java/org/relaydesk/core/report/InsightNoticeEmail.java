package org.relaydesk.core.report;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import java.util.UUID;
import org.relaydesk.core.channel.NoticeMailer;
import org.relaydesk.core.outbox.OutboxDeliverer;
import org.relaydesk.core.outbox.OutboxEntry;
import org.relaydesk.core.persistence.Tenancy;
import org.relaydesk.core.user.Role;
import org.relaydesk.core.user.User;

/** An insight a colleague passed on ("Tell the supervisors"), by email through the workspace's mailbox. */
@ApplicationScoped
public class InsightNoticeEmail implements OutboxDeliverer {
    @Inject
    Tenancy tenancy;

    @Inject
    NoticeMailer mailer;

    @Override
    public String kind() {
        return Insights.NOTICE_KIND;
    }

    @Override
    public void deliver(OutboxEntry entry) throws DeliveryFailed {
        JsonObject payload = entry.payloadObject();
        User supervisor = tenancy.em().find(User.class, UUID.fromString(payload.getString("user_id")));
        if (supervisor == null || !supervisor.may(Role.SUPERVISOR)) {
            return; // no longer a supervisor here
        }
        String text = "Hello " + supervisor.name() + ",\n\n" + payload.getString("by") + " passed this on:\n\n" + payload.getString("title") + "\n"
                + payload.getString("explanation") + "\n\n" + NoticeMailer.baseUrl() + "/supervisor/dashboard\n";
        mailer.send(supervisor.email(), supervisor.name(), "Insight: " + payload.getString("title"), text);
    }
}
