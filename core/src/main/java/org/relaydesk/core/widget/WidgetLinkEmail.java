package org.relaydesk.core.widget;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import java.util.Map;
import org.relaydesk.core.channel.NoticeMailer;
import org.relaydesk.core.outbox.OutboxDeliverer;
import org.relaydesk.core.outbox.OutboxEntry;

/** The one-time link a widget's visitor asked for to see their tickets, in the language their widget spoke. */
@ApplicationScoped
public class WidgetLinkEmail implements OutboxDeliverer {
    @Inject
    NoticeMailer mailer;

    @Override
    public String kind() {
        return WidgetVisitors.LINK_EMAIL_KIND;
    }

    @Override
    public void deliver(OutboxEntry entry) throws OutboxDeliverer.DeliveryFailed {
        JsonObject payload = entry.payloadObject();
        Map<String, String> texts = WidgetTexts.of(payload.getString("language", "en"));
        String site = payload.getString("site", "");
        mailer.send(payload.getString("to"), payload.getString("name", ""), texts.get("linkSubject").replace("{site}", site),
                texts.get("linkBody").replace("{site}", site).replace("{link}", payload.getString("link")));
    }
}
