package org.relaydesk.core.widget;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import java.util.Map;
import java.util.UUID;
import org.relaydesk.core.channel.NoticeMailer;
import org.relaydesk.core.job.OwnTransaction;
import org.relaydesk.core.outbox.OutboxDeliverer;
import org.relaydesk.core.outbox.OutboxEntry;

/**
 * The one-time code a widget's visitor asked for to see their tickets, in the language their widget
 * spoke; sent only when the address is one of the workspace's contacts (decided here, not when asked).
 */
@ApplicationScoped
public class WidgetCodeEmail implements OutboxDeliverer {
    /** Commits the code before the email leaves (see OutboxDeliverer). */
    @Inject
    OwnTransaction own;

    @Inject
    NoticeMailer mailer;

    @Inject
    WidgetVisitors visitors;

    @Override
    public String kind() {
        return WidgetVisitors.CODE_EMAIL_KIND;
    }

    @Override
    public void deliver(OutboxEntry entry) throws OutboxDeliverer.DeliveryFailed {
        JsonObject payload = entry.payloadObject();
        String to = payload.getString("to");
        var issued = own.call(() -> visitors.issueCode(UUID.fromString(payload.getString("widget_id")), to));
        if (issued.isEmpty()) {
            return; // not a customer here (or a code went out within the minute): nothing is sent, and the asker cannot tell
        }
        Map<String, String> texts = WidgetTexts.of(payload.getString("language", "en"));
        String site = payload.getString("site", "");
        mailer.send(to, issued.get().name(), texts.get("codeSubject").replace("{site}", site),
                texts.get("codeBody").replace("{site}", site).replace("{code}", issued.get().code()));
    }
}
