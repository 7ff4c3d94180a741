package org.relaydesk.core.workflow;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.List;
import org.relaydesk.core.channel.NoticeMailer;
import org.relaydesk.core.outbox.OutboxDeliverer;
import org.relaydesk.core.outbox.OutboxEntry;

/** A workflow rule's "notify staff" email, with a link to the ticket in the agent panel. */
@ApplicationScoped
public class StaffNotificationEmail implements OutboxDeliverer {
    static final String KIND = "email.staff_notification";

    @Inject
    NoticeMailer mailer;

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public void deliver(OutboxEntry entry) throws DeliveryFailed {
        JsonObject payload = entry.payloadObject();
        String text = payload.getString("message") + "\n\n" + NoticeMailer.baseUrl() + "/agent/tickets/" + payload.getJsonNumber("ticket_number").longValue()
                + "\n\n(sent by the rule \"" + payload.getString("rule", "") + "\")\n";
        // one address per entry since 2026-12-02; entries queued before then list several
        JsonValue to = payload.get("to");
        List<String> addresses = to instanceof JsonString one ? List.of(one.getString())
                : payload.getJsonArray("to").getValuesAs(JsonString.class).stream().map(JsonString::getString).toList();
        for (String address : addresses) {
            mailer.send(address, null, payload.getString("subject"), text);
        }
    }
}
