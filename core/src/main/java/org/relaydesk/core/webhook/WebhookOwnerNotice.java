package org.relaydesk.core.webhook;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import java.util.UUID;
import org.relaydesk.core.channel.NoticeMailer;
import org.relaydesk.core.outbox.OutboxDeliverer;
import org.relaydesk.core.outbox.OutboxEntry;
import org.relaydesk.core.persistence.Tenancy;
import org.relaydesk.core.text.Jsonp;
import org.relaydesk.core.user.User;

/** Tells the admin who made a webhook, by email, that it was switched off and why (the admin page shows it too). */
@ApplicationScoped
public class WebhookOwnerNotice implements OutboxDeliverer {
    static final String KIND = "email.webhook_switched_off";

    @Inject
    Tenancy tenancy;

    @Inject
    NoticeMailer mailer;

    static void queue(Tenancy tenancy, Webhook webhook) {
        if (webhook.createdBy() != null) {
            tenancy.em().persist(new OutboxEntry(KIND, Jsonp.createObjectBuilder().add("webhook_id", webhook.id().toString())
                    .add("user_id", webhook.createdBy().toString()).build().toString()));
        }
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public void deliver(OutboxEntry entry) throws DeliveryFailed {
        JsonObject payload = entry.payloadObject();
        Webhook webhook = tenancy.em().find(Webhook.class, UUID.fromString(payload.getString("webhook_id")));
        if (webhook == null || webhook.active()) {
            return; // deleted or switched on again meanwhile
        }
        User maker = tenancy.em().find(User.class, UUID.fromString(payload.getString("user_id")));
        java.util.List<User> told = maker != null && maker.may(org.relaydesk.core.user.Role.ADMIN) ? java.util.List.of(maker)
                : tenancy.em().createQuery("SELECT u FROM User u ORDER BY u.name", User.class).getResultList().stream()
                        .filter(u -> u.may(org.relaydesk.core.user.Role.ADMIN)).toList();
        // the host only: a webhook's full address is often a credential (chat rooms' incoming hooks)
        String host = java.net.URI.create(webhook.url()).getHost();
        String reason = webhook.disabledReason() == null ? "" : webhook.disabledReason();
        for (User admin : told) {
            String text = "Hello " + admin.name() + ",\n\nthe webhook to " + host + " was switched off.\n\n" + reason
                    + "\n\nEvents are no longer sent to it. Once the receiver works again, switch the webhook on and replay what it missed:\n\n"
                    + NoticeMailer.baseUrl() + "/admin/webhooks\n";
            mailer.send(admin.email(), admin.name(), "A webhook was switched off: " + host, text);
        }
    }
}
