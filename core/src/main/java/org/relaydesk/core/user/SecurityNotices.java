package org.relaydesk.core.user;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.Map;
import java.util.UUID;
import org.relaydesk.core.audit.AuditAction;
import org.relaydesk.core.audit.Audited;
import org.relaydesk.core.outbox.OutboxEntry;
import org.relaydesk.core.persistence.Tenancy;
import org.relaydesk.core.text.Jsonp;

/**
 * Tells a member of staff by email when their account's security changed: their password, their
 * two-step sign-in (on, off, reset by an admin, new recovery codes), a new personal API token, all
 * sessions ended. Someone who took over an account cannot keep its owner from hearing of it. Queued in
 * the outbox in the same transaction as the change (nothing is sent for a change that rolled back).
 */
@ApplicationScoped
public class SecurityNotices {
    public static final String KIND = "email.security_notice";

    /** What each change is called in the email's subject and first line. */
    static final Map<AuditAction, String> NOTICES = Map.of(
            AuditAction.PASSWORD_CHANGED, "Your password was changed",
            AuditAction.SECOND_FACTOR_ON, "Two-step sign-in was turned on for your account",
            AuditAction.SECOND_FACTOR_OFF, "Two-step sign-in was turned off for your account",
            AuditAction.SECOND_FACTOR_RESET, "An admin reset your two-step sign-in",
            AuditAction.RECOVERY_CODES_RENEWED, "New recovery codes were made for your account",
            AuditAction.API_TOKEN_CREATED, "A personal API token was created on your account",
            AuditAction.SIGNED_OUT_EVERYWHERE, "Your account was signed out everywhere");

    @Inject
    Tenancy tenancy;

    @Transactional
    void onAudited(@Observes Audited event) {
        String notice = NOTICES.get(event.action());
        if (notice == null || event.targetId() == null) {
            return;
        }
        UUID userId;
        try {
            userId = UUID.fromString(event.targetId());
        } catch (IllegalArgumentException notAnId) {
            return;
        }
        tenancy.actAs(event.workspaceId());
        if (event.action() == AuditAction.API_TOKEN_CREATED) {
            ApiToken token = tenancy.em().find(ApiToken.class, userId);
            if (token == null) {
                return;
            }
            userId = token.userId();
        }
        String after = event.after() == null ? "" : event.after();
        String detail = event.action() == AuditAction.API_TOKEN_CREATED ? "\"" + event.targetLabel() + "\" (" + after + ")" : after;
        String payload = Jsonp.createObjectBuilder().add("user_id", userId.toString()).add("action", event.action().apiName())
                .add("at", java.time.Instant.now().toString()).add("detail", detail).build().toString();
        tenancy.em().persist(new OutboxEntry(KIND, payload));
    }
}
