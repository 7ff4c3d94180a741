package org.relaydesk.core.user.policy;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.relaydesk.core.audit.AuditAction;
import org.relaydesk.core.audit.Audited;
import org.relaydesk.core.error.InvalidInputException;
import org.relaydesk.core.error.PermissionDeniedException;
import org.relaydesk.core.persistence.Tenancy;
import org.relaydesk.core.user.AuthenticatedUser;
import org.relaydesk.core.user.Role;

/**
 * A workspace's security settings (/admin/settings/security, /api/security/policy): the roles that must
 * sign in with a second factor, what a new password must be, how long sessions last, who may have
 * personal API tokens, and how long the audit log is kept. Admins change them; each change is audited.
 */
@ApplicationScoped
public class SecurityPolicy {
    public static final int DEFAULT_AUDIT_DAYS = 365;
    public static final int MIN_AUDIT_DAYS = 30;
    public static final int MAX_AUDIT_DAYS = 3650;

    /** Everything the security page sets, checked as one. */
    public record Policy(Set<Role> secondFactorRoles, PasswordRules passwords, SessionRules sessions, TokenRules tokens, int auditDays) {
        public static final Policy DEFAULT = new Policy(Set.of(), PasswordRules.DEFAULT, SessionRules.DEFAULT, TokenRules.DEFAULT, DEFAULT_AUDIT_DAYS);

        public Policy {
            secondFactorRoles = secondFactorRoles.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(secondFactorRoles));
            Objects.requireNonNull(passwords);
            Objects.requireNonNull(sessions);
            Objects.requireNonNull(tokens);
            if (auditDays < MIN_AUDIT_DAYS || auditDays > MAX_AUDIT_DAYS) {
                throw new InvalidInputException("audit_retention_days", "must be between " + MIN_AUDIT_DAYS + " and " + MAX_AUDIT_DAYS);
            }
        }

        public Policy withSecondFactorRoles(Set<Role> roles) {
            return new Policy(roles, passwords, sessions, tokens, auditDays);
        }

        public Policy withAuditDays(int days) {
            return new Policy(secondFactorRoles, passwords, sessions, tokens, days);
        }
    }

    @Inject
    Tenancy tenancy;

    @Inject
    Event<Audited> audit;

    @Inject
    Event<Changed> changed;

    /** A workspace's policy was saved (fired in the saving transaction, observed after it ends). */
    public record Changed(UUID workspaceId) {
    }

    void forget(@jakarta.enterprise.event.Observes(during = jakarta.enterprise.event.TransactionPhase.AFTER_COMPLETION) Changed change) {
        recent.invalidate(change.workspaceId());
    }

    /**
     * Read on every panel page and API call (session and token limits): kept for a few seconds per
     * workspace. A change made on this node applies at once; another node of a cluster sees it within
     * the expiry.
     */
    private final Cache<UUID, Policy> recent = Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(Duration.ofSeconds(10)).build();

    /** The workspace's policy as stored now (the defaults where an admin never saved one). */
    @Transactional
    public Policy of(UUID workspaceId) {
        tenancy.actAs(workspaceId);
        List<?> rows = tenancy.sql("SELECT second_factor_agents, second_factor_supervisors, second_factor_admins, password_min_length, "
                + "refuse_common_passwords, session_idle_minutes, session_absolute_hours, remember_me_allowed, api_tokens_for, "
                + "api_token_max_days, audit_retention_days FROM workspace_security WHERE workspace_id = CAST(?1 AS uuid)")
                .setParameter(1, workspaceId.toString()).getResultList();
        if (rows.isEmpty()) {
            return Policy.DEFAULT;
        }
        Object[] row = (Object[]) rows.get(0);
        Set<Role> roles = EnumSet.noneOf(Role.class);
        if (Boolean.TRUE.equals(row[0])) {
            roles.add(Role.AGENT);
        }
        if (Boolean.TRUE.equals(row[1])) {
            roles.add(Role.SUPERVISOR);
        }
        if (Boolean.TRUE.equals(row[2])) {
            roles.add(Role.ADMIN);
        }
        return new Policy(roles, new PasswordRules(number(row[3]), Boolean.TRUE.equals(row[4])),
                new SessionRules(number(row[5]), number(row[6]), Boolean.TRUE.equals(row[7])),
                new TokenRules(TokenRules.parseFor(row[8].toString()), number(row[9])), number(row[10]));
    }

    /** The same, possibly a few seconds old: for the checks made on every request. */
    @Transactional
    public Policy cached(UUID workspaceId) {
        return recent.get(workspaceId, this::of);
    }

    public Set<Role> secondFactorRoles(UUID workspaceId) {
        return of(workspaceId).secondFactorRoles();
    }

    public boolean requiresSecondFactor(UUID workspaceId, Role role) {
        return of(workspaceId).secondFactorRoles().contains(role);
    }

    public PasswordRules passwordRules(UUID workspaceId) {
        return of(workspaceId).passwords();
    }

    public int auditRetentionDays(UUID workspaceId) {
        return of(workspaceId).auditDays();
    }

    /**
     * Sets the roles that must use a second factor; admins only. Someone of such a role without one
     * is asked to set it up at their next sign-in (their current session goes on).
     */
    @Transactional
    public Set<Role> requireSecondFactor(AuthenticatedUser admin, Set<Role> roles) {
        return save(admin, current(admin).withSecondFactorRoles(roles)).secondFactorRoles();
    }

    /** Admins choose how long the audit log is kept: 30 days to 10 years. */
    @Transactional
    public int changeAuditRetention(AuthenticatedUser admin, int days) {
        return save(admin, current(admin).withAuditDays(days)).auditDays();
    }

    /** The admin's workspace's policy, for a change of part of it. */
    @Transactional
    public Policy current(AuthenticatedUser admin) {
        requireAdmin(admin);
        return of(admin.workspaceId());
    }

    /** Stores the whole policy in one transaction; each part that changed is recorded in the audit log with before and after. */
    @Transactional
    public Policy save(AuthenticatedUser admin, Policy wanted) {
        requireAdmin(admin);
        UUID workspaceId = admin.workspaceId();
        Policy before = of(workspaceId);
        tenancy.sql("INSERT INTO workspace_security (workspace_id, second_factor_agents, second_factor_supervisors, second_factor_admins, "
                + "password_min_length, refuse_common_passwords, session_idle_minutes, session_absolute_hours, remember_me_allowed, "
                + "api_tokens_for, api_token_max_days, audit_retention_days, updated_at) "
                + "VALUES (CAST(?1 AS uuid), ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, now()) ON CONFLICT (workspace_id) DO UPDATE SET "
                + "second_factor_agents = EXCLUDED.second_factor_agents, second_factor_supervisors = EXCLUDED.second_factor_supervisors, "
                + "second_factor_admins = EXCLUDED.second_factor_admins, password_min_length = EXCLUDED.password_min_length, "
                + "refuse_common_passwords = EXCLUDED.refuse_common_passwords, session_idle_minutes = EXCLUDED.session_idle_minutes, "
                + "session_absolute_hours = EXCLUDED.session_absolute_hours, remember_me_allowed = EXCLUDED.remember_me_allowed, "
                + "api_tokens_for = EXCLUDED.api_tokens_for, api_token_max_days = EXCLUDED.api_token_max_days, "
                + "audit_retention_days = EXCLUDED.audit_retention_days, updated_at = now()")
                .setParameter(1, workspaceId.toString())
                .setParameter(2, wanted.secondFactorRoles().contains(Role.AGENT))
                .setParameter(3, wanted.secondFactorRoles().contains(Role.SUPERVISOR))
                .setParameter(4, wanted.secondFactorRoles().contains(Role.ADMIN))
                .setParameter(5, wanted.passwords().minLength())
                .setParameter(6, wanted.passwords().refuseCommon())
                .setParameter(7, wanted.sessions().idleMinutes())
                .setParameter(8, wanted.sessions().absoluteHours())
                .setParameter(9, wanted.sessions().rememberMeAllowed())
                .setParameter(10, wanted.tokens().forName())
                .setParameter(11, wanted.tokens().maxDays())
                .setParameter(12, wanted.auditDays())
                .executeUpdate();
        recent.invalidate(workspaceId);
        // and again once committed: a request between the two would have cached the old policy for its ten seconds
        changed.fire(new Changed(workspaceId));
        recordChange(workspaceId, AuditAction.SIGN_IN_POLICY_CHANGED, describe(before.secondFactorRoles()), describe(wanted.secondFactorRoles()));
        recordChange(workspaceId, AuditAction.PASSWORD_POLICY_CHANGED, describe(before.passwords()), describe(wanted.passwords()));
        recordChange(workspaceId, AuditAction.SESSION_POLICY_CHANGED, describe(before.sessions()), describe(wanted.sessions()));
        recordChange(workspaceId, AuditAction.API_TOKEN_POLICY_CHANGED, describe(before.tokens()), describe(wanted.tokens()));
        recordChange(workspaceId, AuditAction.AUDIT_RETENTION_CHANGED, before.auditDays() + " days", wanted.auditDays() + " days");
        return wanted;
    }

    private void recordChange(UUID workspaceId, AuditAction action, String before, String after) {
        if (!before.equals(after)) {
            audit.fire(Audited.of(workspaceId, action, "workspace", workspaceId, null).changed(before, after));
        }
    }

    private static void requireAdmin(AuthenticatedUser admin) {
        if (!admin.may(Role.ADMIN)) {
            throw new PermissionDeniedException("Only admins can change the workspace's security settings");
        }
    }

    private static int number(Object value) {
        return ((Number) value).intValue();
    }

    private static String describe(Set<Role> roles) {
        return "two-step sign-in required for: " + (roles.isEmpty() ? "nobody" : roles.stream().sorted().map(Role::apiName).toList());
    }

    private static String describe(PasswordRules rules) {
        return "at least " + rules.minLength() + " characters" + (rules.refuseCommon() ? ", common passwords refused" : ", common passwords allowed");
    }

    private static String describe(SessionRules rules) {
        return "idle " + rules.idleMinutes() + " min, at most " + rules.absoluteHours() + " h, remember me "
                + (rules.rememberMeAllowed() ? "allowed" : "not allowed");
    }

    private static String describe(TokenRules rules) {
        return "personal API tokens for " + rules.lowestRole().map(role -> role.apiName() + " and up").orElse("nobody") + ", at most "
                + rules.maxDays() + " days";
    }

    /** A policy's second-factor roles from their API names ("agent", "supervisor", "admin"). */
    public static Set<Role> rolesNamed(Set<String> names, String field) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String name : names) {
            roles.add(Optional.ofNullable(name).flatMap(Role::fromApiName)
                    .orElseThrow(() -> new InvalidInputException(field, "must list roles among agent, supervisor, admin")));
        }
        return roles;
    }
}
