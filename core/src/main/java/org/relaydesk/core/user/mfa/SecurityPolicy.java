package org.relaydesk.core.user.mfa;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.relaydesk.core.error.PermissionDeniedException;
import org.relaydesk.core.persistence.Tenancy;
import org.relaydesk.core.user.AuthenticatedUser;
import org.relaydesk.core.user.Role;

/** A workspace's sign-in policy: the roles that must sign in with a second factor. */
@ApplicationScoped
public class SecurityPolicy {
    @Inject
    Tenancy tenancy;

    @Inject
    jakarta.enterprise.event.Event<org.relaydesk.core.audit.Audited> audit;

    /** The roles of the caller's workspace that must use a second factor. */
    @Transactional
    public Set<Role> secondFactorRoles(UUID workspaceId) {
        tenancy.actAs(workspaceId);
        List<?> rows = tenancy.sql("SELECT second_factor_agents, second_factor_supervisors, second_factor_admins FROM workspace_security "
                + "WHERE workspace_id = CAST(?1 AS uuid)").setParameter(1, workspaceId.toString()).getResultList();
        Set<Role> roles = EnumSet.noneOf(Role.class);
        if (!rows.isEmpty()) {
            Object[] row = (Object[]) rows.get(0);
            if (Boolean.TRUE.equals(row[0])) {
                roles.add(Role.AGENT);
            }
            if (Boolean.TRUE.equals(row[1])) {
                roles.add(Role.SUPERVISOR);
            }
            if (Boolean.TRUE.equals(row[2])) {
                roles.add(Role.ADMIN);
            }
        }
        return roles;
    }

    public boolean requiresSecondFactor(UUID workspaceId, Role role) {
        return secondFactorRoles(workspaceId).contains(role);
    }

    /**
     * Sets the roles that must use a second factor; admins only. Someone of such a role without one
     * is asked to set it up at their next sign-in (their current session goes on).
     */
    @Transactional
    public Set<Role> requireSecondFactor(AuthenticatedUser admin, Set<Role> roles) {
        if (!admin.may(Role.ADMIN)) {
            throw new PermissionDeniedException("Only admins can change the workspace's sign-in policy");
        }
        tenancy.actAs(admin.workspaceId());
        Set<Role> before = secondFactorRoles(admin.workspaceId());
        tenancy.sql("INSERT INTO workspace_security (workspace_id, second_factor_agents, second_factor_supervisors, second_factor_admins, updated_at) "
                + "VALUES (CAST(?1 AS uuid), ?2, ?3, ?4, now()) ON CONFLICT (workspace_id) DO UPDATE SET second_factor_agents = EXCLUDED.second_factor_agents, "
                + "second_factor_supervisors = EXCLUDED.second_factor_supervisors, second_factor_admins = EXCLUDED.second_factor_admins, updated_at = now()")
                .setParameter(1, admin.workspaceId().toString()).setParameter(2, roles.contains(Role.AGENT))
                .setParameter(3, roles.contains(Role.SUPERVISOR)).setParameter(4, roles.contains(Role.ADMIN)).executeUpdate();
        Set<Role> after = secondFactorRoles(admin.workspaceId());
        if (!after.equals(before)) {
            audit.fire(org.relaydesk.core.audit.Audited.of(admin.workspaceId(), org.relaydesk.core.audit.AuditAction.SIGN_IN_POLICY_CHANGED,
                    "workspace", admin.workspaceId(), null).changed(describe(before), describe(after)));
        }
        return after;
    }

    /** How many days the workspace keeps its audit log (365 unless an admin chose otherwise). */
    @Transactional
    public int auditRetentionDays(UUID workspaceId) {
        List<?> rows = tenancy.sql("SELECT audit_retention_days FROM workspace_security WHERE workspace_id = CAST(?1 AS uuid)")
                .setParameter(1, workspaceId.toString()).getResultList();
        return rows.isEmpty() ? DEFAULT_AUDIT_DAYS : ((Number) rows.get(0)).intValue();
    }

    public static final int DEFAULT_AUDIT_DAYS = 365;
    public static final int MIN_AUDIT_DAYS = 30;
    public static final int MAX_AUDIT_DAYS = 3650;

    /** Admins choose how long the audit log is kept: 30 days to 10 years. */
    @Transactional
    public int changeAuditRetention(AuthenticatedUser admin, int days) {
        if (!admin.may(Role.ADMIN)) {
            throw new PermissionDeniedException("Only admins can change how long the audit log is kept");
        }
        if (days < MIN_AUDIT_DAYS || days > MAX_AUDIT_DAYS) {
            throw new org.relaydesk.core.error.InvalidInputException("days", "must be between " + MIN_AUDIT_DAYS + " and " + MAX_AUDIT_DAYS);
        }
        int before = auditRetentionDays(admin.workspaceId());
        tenancy.sql("INSERT INTO workspace_security (workspace_id, audit_retention_days, updated_at) VALUES (CAST(?1 AS uuid), ?2, now()) "
                + "ON CONFLICT (workspace_id) DO UPDATE SET audit_retention_days = EXCLUDED.audit_retention_days, updated_at = now()")
                .setParameter(1, admin.workspaceId().toString()).setParameter(2, days).executeUpdate();
        if (before != days) {
            audit.fire(org.relaydesk.core.audit.Audited.of(admin.workspaceId(), org.relaydesk.core.audit.AuditAction.AUDIT_RETENTION_CHANGED,
                    "workspace", admin.workspaceId(), null).changed(before + " days", days + " days"));
        }
        return days;
    }

    /** The security page's save: the roles that must use a second factor and the audit log's retention, checked first, in one transaction. */
    @Transactional
    public void save(AuthenticatedUser admin, Set<Role> secondFactorRoles, int auditDays) {
        if (auditDays < MIN_AUDIT_DAYS || auditDays > MAX_AUDIT_DAYS) {
            throw new org.relaydesk.core.error.InvalidInputException("days", "must be between " + MIN_AUDIT_DAYS + " and " + MAX_AUDIT_DAYS);
        }
        requireSecondFactor(admin, secondFactorRoles);
        changeAuditRetention(admin, auditDays);
    }

    private static String describe(Set<Role> roles) {
        return "two-step sign-in required for: " + (roles.isEmpty() ? "nobody" : roles.stream().sorted().map(Role::apiName).toList());
    }
}
