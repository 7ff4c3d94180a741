package org.relaydesk.core.user;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import java.util.UUID;
import org.relaydesk.core.audit.AuditAction;
import org.relaydesk.core.channel.NoticeMailer;
import org.relaydesk.core.outbox.OutboxDeliverer;
import org.relaydesk.core.outbox.OutboxEntry;
import org.relaydesk.core.persistence.Tenancy;
import org.relaydesk.core.workspace.Workspace;

/** Sends the {@link SecurityNotices} email: what changed and when, and what to do when it was not them. */
@ApplicationScoped
public class SecurityNoticeEmail implements OutboxDeliverer {
    @Inject
    Tenancy tenancy;

    @Inject
    NoticeMailer mailer;

    @Override
    public String kind() {
        return SecurityNotices.KIND;
    }

    @Override
    public void deliver(OutboxEntry entry) throws DeliveryFailed {
        JsonObject payload = entry.payloadObject();
        User user = tenancy.em().find(User.class, UUID.fromString(payload.getString("user_id")));
        if (user == null) {
            throw new DeliveryFailed("the user is gone", true);
        }
        AuditAction action = AuditAction.fromApiName(payload.getString("action")).orElseThrow();
        String what = SecurityNotices.NOTICES.get(action);
        Workspace workspace = tenancy.global().find(Workspace.class, tenancy.workspaceId());
        String detail = payload.getString("detail", "");
        mailer.send(user.email(), user.name(), what + " (" + workspace.name() + ")",
                "Hello " + user.name() + ",\n\n" + what + " at " + workspace.name() + " on Relaydesk, at " + payload.getString("at") + " (UTC)"
                        + (detail.isBlank() ? "" : ": " + detail) + ".\n\n"
                        + "If this was you, there is nothing to do. If it was not, change your password now (\"Forgot password?\" on the sign-in page "
                        + "works even if someone changed it), sign out everywhere on your settings page, and tell your admin: the workspace's "
                        + "audit log shows where the change came from.\n\n" + NoticeMailer.baseUrl() + "/login\n");
    }
}
