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
        tenancy.sql("INSERT INTO workspace_security (workspace_id, second_factor_agents, second_factor_supervisors, second_factor_admins, updated_at) "
                + "VALUES (CAST(?1 AS uuid), ?2, ?3, ?4, now()) ON CONFLICT (workspace_id) DO UPDATE SET second_factor_agents = EXCLUDED.second_factor_agents, "
                + "second_factor_supervisors = EXCLUDED.second_factor_supervisors, second_factor_admins = EXCLUDED.second_factor_admins, updated_at = now()")
                .setParameter(1, admin.workspaceId().toString()).setParameter(2, roles.contains(Role.AGENT))
                .setParameter(3, roles.contains(Role.SUPERVISOR)).setParameter(4, roles.contains(Role.ADMIN)).executeUpdate();
        return secondFactorRoles(admin.workspaceId());
    }
}
