package org.relaydesk.core.user;

import org.relaydesk.core.access.RequiresRole;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;
import org.relaydesk.core.error.ConflictException;
import org.relaydesk.core.error.InvalidInputException;
import org.relaydesk.core.error.NotFoundException;
import org.relaydesk.core.persistence.Tenancy;

/** Staff accounts of the current workspace. */
@ApplicationScoped
public class UserService {
    public static final Pattern EMAIL = Pattern.compile("^[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]{2,}$");

    @Inject
    Tenancy tenancy;

    @Inject
    AuthService auth;

    @Inject
    org.relaydesk.core.user.policy.SecurityPolicy securityPolicy;

    @Inject
    jakarta.enterprise.event.Event<org.relaydesk.core.audit.Audited> audit;

    /** A session left open must not become a way to guess the password: five wrong tries per quarter hour. */
    private RateLimiter wrongCurrentPasswords;

    @Inject
    RateLimits limits;

    @jakarta.annotation.PostConstruct
    void createLimits() {
        wrongCurrentPasswords = limits.limiter("password-change.wrong-current", 5, java.time.Duration.ofMinutes(15),
                "Too many wrong current passwords; try again later");
    }

    public record NewUser(String email, String name, String role, String password) {
    }

    /** Validates and adds a staff member to the current workspace. */
    @Transactional
    @RequiresRole(Role.ADMIN)
    public User create(NewUser input) {
        InvalidInputException.Collector errors = new InvalidInputException.Collector();
        String email = input.email() == null ? "" : input.email().trim().toLowerCase(Locale.ROOT);
        errors.check(EMAIL.matcher(email).matches() && email.length() <= 320, "email", "must be a valid email address")
                .check(input.name() != null && !input.name().isBlank() && input.name().length() <= 200, "name", "is required (at most 200 characters)")
                .check(Role.fromApiName(input.role()).isPresent(), "role", "must be one of admin, supervisor, agent");
        securityPolicy.passwordRules(tenancy.workspaceId()).problem(input.password(), email, input.name())
                .ifPresent(problem -> errors.check(false, "password", problem));
        errors.throwIfAny();
        if (emailTaken(email)) {
            throw new ConflictException("A user with this email already exists");
        }
        User user = new User(email, input.name(), Role.fromApiName(input.role()).orElseThrow(), PasswordHasher.hash(input.password()));
        tenancy.em().persist(user);
        audit.fire(org.relaydesk.core.audit.Audited.of(tenancy.workspaceId(), org.relaydesk.core.audit.AuditAction.USER_CREATED, "user", user.id(),
                user.email()).changed(null, "role: " + user.role().apiName()));
        return user;
    }

    /** Email addresses are unique across workspaces, since an address signs in to one account. */
    boolean emailTaken(String email) {
        return !tenancy.sql("SELECT 1 FROM users WHERE lower(email) = ?1")
                .setParameter(1, email).getResultList().isEmpty();
    }

    /**
     * Adds a staff member who chooses their own password through an invitation link; until then
     * the account has a random password nobody knows.
     */
    @Transactional
    @RequiresRole(Role.ADMIN)
    public User invite(String email, String name, String role, AuthenticatedUser caller) {
        requireAdmin(caller);
        return create(new NewUser(email, name, role, Secrets.newToken("unusable-")));
    }

    /** Admins change roles; the workspace always keeps at least one active admin. */
    @Transactional
    @RequiresRole(Role.ADMIN)
    public User changeRole(UUID id, String role, AuthenticatedUser caller) {
        requireAdmin(caller);
        Role newRole = Role.fromApiName(role).orElseThrow(() -> new InvalidInputException("role", "must be one of admin, supervisor, agent"));
        User user = get(id);
        requireMayManage(user, caller);
        if (user.role() == Role.ADMIN && newRole != Role.ADMIN) {
            requireAnotherActiveAdmin(user);
        }
        Role before = user.role();
        user.changeRole(newRole);
        audit.fire(org.relaydesk.core.audit.Audited.of(tenancy.workspaceId(), org.relaydesk.core.audit.AuditAction.USER_ROLE_CHANGED, "user", user.id(),
                user.email()).changed("role: " + before.apiName(), "role: " + newRole.apiName()));
        return user;
    }

    /** A deactivated user cannot sign in, and their open sessions and tokens stop working. */
    @Transactional
    @RequiresRole(Role.ADMIN)
    public User deactivate(UUID id, AuthenticatedUser caller) {
        requireAdmin(caller);
        if (id.equals(caller.id())) {
            throw new ConflictException("You cannot deactivate your own account");
        }
        User user = get(id);
        requireMayManage(user, caller);
        if (user.role() == Role.ADMIN) {
            requireAnotherActiveAdmin(user);
        }
        user.deactivate();
        auth.revokeAllTokensOf(user.id());
        audit.fire(org.relaydesk.core.audit.Audited.of(tenancy.workspaceId(), org.relaydesk.core.audit.AuditAction.USER_DEACTIVATED, "user", user.id(),
                user.email()));
        return user;
    }

    @Transactional
    @RequiresRole(Role.ADMIN)
    public User reactivate(UUID id, AuthenticatedUser caller) {
        requireAdmin(caller);
        User user = get(id);
        requireMayManage(user, caller);
        user.reactivate();
        audit.fire(org.relaydesk.core.audit.Audited.of(tenancy.workspaceId(), org.relaydesk.core.audit.AuditAction.USER_REACTIVATED, "user", user.id(),
                user.email()));
        return user;
    }

    /** The signed-in user's own profile: name, availability and notification choices (mention notices unchanged). */
    @Transactional
    public User updateProfile(UUID id, String name, String availability, boolean notifyAssigned, boolean notifyCustomerReply,
            boolean notifyInternalNote) {
        return updateProfile(id, name, availability, notifyAssigned, notifyCustomerReply, notifyInternalNote, get(id).notifyMentioned());
    }

    /** The same, with whether they hear of being @mentioned. */
    @Transactional
    public User updateProfile(UUID id, String name, String availability, boolean notifyAssigned, boolean notifyCustomerReply,
            boolean notifyInternalNote, boolean notifyMentioned) {
        InvalidInputException.Collector errors = new InvalidInputException.Collector();
        errors.check(name != null && !name.isBlank() && name.length() <= 200, "name", "is required (at most 200 characters)")
                .check(Availability.fromApiName(availability).isPresent(), "availability", "must be one of online, away, offline");
        errors.throwIfAny();
        User user = get(id);
        user.rename(name);
        user.changeAvailability(Availability.fromApiName(availability).orElseThrow());
        user.changeNotifications(notifyAssigned, notifyCustomerReply, notifyInternalNote);
        user.changeMentionNotices(notifyMentioned);
        return user;
    }

    /**
     * Changing one's own password needs the current one, so an unattended session cannot take over
     * the account. Every other session and token of the account ends; the returned identity carries
     * the new epoch, for the session that made the change to go on with.
     */
    @Transactional
    public AuthenticatedUser changeOwnPassword(UUID id, String currentPassword, String newPassword) {
        User user = get(id);
        wrongCurrentPasswords.check(id.toString());
        if (!PasswordHasher.matches(currentPassword, user.passwordHash())) {
            wrongCurrentPasswords.recordFailure(id.toString());
            throw new InvalidInputException("current_password", "is not your current password");
        }
        securityPolicy.passwordRules(user.workspaceId()).require("new_password", newPassword, user.email(), user.name());
        user.changePasswordHash(PasswordHasher.hash(newPassword));
        auth.revokeAllTokensOf(user.id());
        audit.fire(org.relaydesk.core.audit.Audited.of(user.workspaceId(), org.relaydesk.core.audit.AuditAction.PASSWORD_CHANGED, "user", user.id(),
                user.email()).by(user.id(), user.email()));
        return AuthenticatedUser.of(user);
    }

    private static void requireAdmin(AuthenticatedUser caller) {
        if (!caller.may(Role.ADMIN)) {
            throw new org.relaydesk.core.error.PermissionDeniedException("Only admins can manage users");
        }
    }

    /**
     * The installation's system administrator is managed by nobody but themselves: a workspace admin
     * who could demote, deactivate or reset them could take over the installation.
     */
    static void requireMayManage(User target, AuthenticatedUser caller) {
        if (target.systemAdmin() && !caller.systemAdmin()) {
            throw new org.relaydesk.core.error.PermissionDeniedException("Only the system administrator can change the system administrator's account");
        }
    }

    private void requireAnotherActiveAdmin(User leaving) {
        long others = tenancy.em().createQuery("SELECT COUNT(u) FROM User u WHERE u.role = :admin AND u.active = TRUE AND u.id <> :id", Long.class)
                .setParameter("admin", Role.ADMIN).setParameter("id", leaving.id()).getSingleResult();
        if (others == 0) {
            throw new ConflictException("The workspace needs at least one active admin");
        }
    }

    @Transactional
    public List<User> list() {
        return tenancy.em().createQuery("SELECT u FROM User u ORDER BY u.name", User.class).getResultList();
    }

    @Transactional
    public User get(UUID id) {
        User user = tenancy.em().find(User.class, id);
        if (user == null) {
            throw new NotFoundException("User");
        }
        return user;
    }
}
