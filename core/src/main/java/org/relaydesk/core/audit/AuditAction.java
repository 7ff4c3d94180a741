package org.relaydesk.core.audit;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What the audit log records: security-relevant and administrative actions, by name ("user.role_changed"). */
public enum AuditAction {
    SIGN_IN("sign_in", "Signed in"),
    SIGN_IN_FAILED("sign_in.failed", "Sign-in failed"),
    SIGNED_OUT_EVERYWHERE("sign_out.everywhere", "Signed out everywhere"),
    SECOND_STEP_FAILED("sign_in.second_step_failed", "Two-step sign-in code refused"),
    SECOND_FACTOR_ON("second_factor.on", "Two-step sign-in turned on"),
    SECOND_FACTOR_OFF("second_factor.off", "Two-step sign-in turned off"),
    SECOND_FACTOR_RESET("second_factor.reset", "Two-step sign-in reset by an admin"),
    RECOVERY_CODES_RENEWED("second_factor.recovery_codes", "New recovery codes"),
    SIGN_IN_POLICY_CHANGED("security.sign_in_policy", "Sign-in policy changed"),
    PASSWORD_POLICY_CHANGED("security.password_policy", "Password policy changed"),
    SESSION_POLICY_CHANGED("security.session_policy", "Session limits changed"),
    API_TOKEN_POLICY_CHANGED("security.api_token_policy", "API token policy changed"),
    USER_CREATED("user.created", "User added"),
    USER_ROLE_CHANGED("user.role_changed", "Role changed"),
    USER_DEACTIVATED("user.deactivated", "User deactivated"),
    USER_REACTIVATED("user.reactivated", "User reactivated"),
    PASSWORD_CHANGED("user.password_changed", "Password changed"),
    PASSWORD_RESET_SENT("user.password_reset_sent", "Password reset link sent"),
    API_TOKEN_CREATED("api_token.created", "API token created"),
    API_TOKEN_REVOKED("api_token.revoked", "API token revoked"),
    WORKSPACE_SETTINGS_CHANGED("workspace.settings", "Workspace settings changed"),
    PLUGIN_INSTALLED("plugin.installed", "Plugin installed"),
    PLUGIN_REMOVED("plugin.removed", "Plugin removed"),
    PLUGIN_ENABLED("plugin.enabled", "Plugin enabled"),
    PLUGIN_DISABLED("plugin.disabled", "Plugin disabled"),
    PLUGIN_SETTINGS_CHANGED("plugin.settings", "Plugin settings changed"),
    AUDIT_EXPORTED("audit.exported", "Audit log exported"),
    CONTACT_EXPORTED("privacy.contact_exported", "Contact's data exported"),
    CONTACT_ERASED("privacy.contact_erased", "Contact's personal data erased"),
    RETENTION_POLICY_CHANGED("retention.policy", "Retention policy changed"),
    SLA_POLICY_CHANGED("sla.policy", "SLA policy changed"),
    BUSINESS_HOURS_CHANGED("sla.business_hours", "Business hours changed"),
    WORKFLOW_RULE_CHANGED("workflow.rule", "Workflow rule changed"),
    CHANNEL_CHANGED("channel.account", "Channel changed"),
    TICKETS_EXPORTED("tickets.exported", "Tickets exported"),
    RETENTION_RUN("retention.run", "Retention policy applied"),
    LEGAL_HOLD_ON("ticket.legal_hold_on", "Ticket put under legal hold"),
    LEGAL_HOLD_OFF("ticket.legal_hold_off", "Legal hold lifted"),
    AUDIT_RETENTION_CHANGED("audit.retention", "Audit log retention changed");

    private final String apiName;
    private final String label;

    AuditAction(String apiName, String label) {
        this.apiName = apiName;
        this.label = label;
    }

    public String apiName() {
        return apiName;
    }

    public String label() {
        return label;
    }

    public static Optional<AuditAction> fromApiName(String name) {
        String wanted = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(a -> a.apiName.equals(wanted)).findFirst();
    }
}
