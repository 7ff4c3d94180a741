package org.relaydesk.core.user;

import org.relaydesk.core.job.OwnTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import java.util.UUID;
import org.relaydesk.core.channel.NoticeMailer;
import org.relaydesk.core.outbox.OutboxDeliverer;
import org.relaydesk.core.outbox.OutboxEntry;
import org.relaydesk.core.persistence.Tenancy;
import org.relaydesk.core.workspace.Workspace;

/** The "choose a new password" email. Its link is minted as it is sent, so no usable token ever waited in the outbox. */
@ApplicationScoped
public class PasswordResetEmail implements OutboxDeliverer {
    /** Commits the tokens of the links in a message before it leaves (see OutboxDeliverer). */
    @Inject
    OwnTransaction own;

    @Inject
    Tenancy tenancy;

    @Inject
    PasswordLinks links;

    @Inject
    NoticeMailer mailer;

    @Override
    public String kind() {
        return PasswordLinks.RESET_EMAIL;
    }

    @Override
    public void deliver(OutboxEntry entry) throws DeliveryFailed {
        JsonObject payload = entry.payloadObject();
        User user = tenancy.em().find(User.class, UUID.fromString(payload.getString("user_id")));
        if (user == null || !user.active()) {
            throw new DeliveryFailed("the user is gone or deactivated", true);
        }
        Workspace workspace = tenancy.global().find(Workspace.class, tenancy.workspaceId());
        String link = NoticeMailer.baseUrl() + "/set-password?token=" + own.call(() -> links.mint(user.id(), PasswordLink.Purpose.RESET));
        mailer.sendAccountLink(user.email(), user.name(), "Choose a new password for " + workspace.name(),
                "Hello " + user.name() + ",\n\nsomeone, hopefully you, asked to reset your password for " + workspace.name()
                        + " on Relaydesk. Choose a new one here (the link works once, for " + PasswordLinks.RESET_LIFETIME.toMinutes() + " minutes):\n\n"
                        + link + "\n\nIf it was not you, ignore this email: your password stays as it is.\n", user.systemAdmin());
    }
}
