package org.relaydesk.core.user;

import org.relaydesk.core.text.Jsonp;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.relaydesk.core.access.RequiresRole;
import org.relaydesk.core.error.InvalidInputException;
import org.relaydesk.core.outbox.OutboxEntry;
import org.relaydesk.core.persistence.Tenancy;

/**
 * One-time links that let a staff member choose a password: invitations (a week) and resets (an
 * hour). A link is a random token of which only the hash is stored; using one spends every other
 * open link of that user. Reset requests never tell whether an address has an account.
 */
@ApplicationScoped
public class PasswordLinks {
    @Inject
    org.relaydesk.core.user.policy.SecurityPolicy securityPolicy;

    static final Duration INVITE_LIFETIME = Duration.ofDays(7);
    static final Duration RESET_LIFETIME = Duration.ofHours(1);
    public static final String RESET_EMAIL = "email.password_reset";
    private static final String INVALID = "This link has expired or was already used. Ask for a new one.";

    private RateLimiter perAddress;
    private RateLimiter perClient;

    @Inject
    jakarta.enterprise.event.Event<org.relaydesk.core.audit.Audited> audit;

    @Inject
    RateLimits limits;

    @jakarta.annotation.PostConstruct
    void createLimits() {
        perAddress = limits.limiter("password-reset.email", 3, Duration.ofHours(1), "Too many reset requests for this address");
        perClient = limits.limiter("password-reset.address", 20, Duration.ofHours(1), "Too many reset requests from your network");
    }

    @Inject
    Tenancy tenancy;

    /** Who a valid link is for, to greet them on the page where they choose their password. */
    public record Holder(String email, String name, PasswordLink.Purpose purpose) {
    }

    @Inject
    UserService users;

    @Inject
    AuthService auth;

    @Inject
    org.relaydesk.core.channel.NoticeMailer mailer;

    /** A new colleague and the one-time link with which they choose their password; the link is shown to the inviting admin once. */
    public record Invitation(User user, String token) {
    }

    /**
     * Invites a staff member. The invitation link can be minted only here, for the account just
     * created: a link for an existing account would let an admin take it over.
     */
    @Transactional
    @RequiresRole(Role.ADMIN)
    public Invitation invite(String email, String name, String role, AuthenticatedUser caller) {
        User invited = users.invite(email, name, role, caller);
        tenancy.em().flush();
        return new Invitation(invited, mint(invited.id(), PasswordLink.Purpose.INVITE));
    }

    /** What became of an admin's reset: sent to the account's own address, and whether a mailbox can send it yet. */
    public record ResetSent(String email, boolean mailboxReady) {
    }

    /**
     * An admin resets a colleague's password: the link goes to the account's own address and is
     * never shown to the admin (who could otherwise sign in as them). Only the system administrator
     * may reset the system administrator.
     */
    @Transactional
    @RequiresRole(Role.ADMIN)
    public ResetSent sendReset(UUID userId, AuthenticatedUser caller) {
        User user = users.get(userId);
        UserService.requireMayManage(user, caller);
        if (!user.active()) {
            throw new org.relaydesk.core.error.ConflictException("Reactivate the account before resetting its password");
        }
        queueResetEmail(user.email(), user.id());
        audit.fire(org.relaydesk.core.audit.Audited.of(user.workspaceId(), org.relaydesk.core.audit.AuditAction.PASSWORD_RESET_SENT, "user", user.id(),
                user.email()));
        return new ResetSent(user.email(), mailer.canSend(user.systemAdmin()));
    }

    private void queueResetEmail(String to, UUID userId) {
        String payload = Jsonp.createObjectBuilder().add("to", to).add("user_id", userId.toString())
                .add("purpose", "reset").build().toString();
        tenancy.em().persist(new OutboxEntry(RESET_EMAIL, payload));
    }

    /** A new link for a user of the current workspace; the raw token is returned once and never stored. */
    @Transactional
    String mint(UUID userId, PasswordLink.Purpose purpose) {
        Duration lifetime = purpose == PasswordLink.Purpose.INVITE ? INVITE_LIFETIME : RESET_LIFETIME;
        SingleUseLink.Minted minted = SingleUseLink.mint("", Instant.now(), lifetime);
        tenancy.em().persist(new PasswordLink(userId, purpose, minted.link()));
        return minted.token();
    }

    /**
     * "Forgot password": queues the reset email for an active account with this address (the
     * email channel delivers it and mints the link as it sends, so no usable token waits in the
     * outbox). Says nothing about whether the account exists; throttled per address and client.
     */
    @Transactional
    public void requestReset(String email, String clientAddress) {
        perClient.acquire(clientAddress == null ? "unknown" : clientAddress);
        String normalized = email == null ? "" : email.trim().toLowerCase(Locale.ROOT);
        if (!UserService.EMAIL.matcher(normalized).matches()) {
            throw new InvalidInputException("email", "must be a valid email address");
        }
        perAddress.acquire(normalized);
        List<?> rows = tenancy.sql("SELECT CAST(workspace_id AS text), CAST(id AS text) FROM users WHERE lower(email) = ?1 AND active")
                .setParameter(1, normalized).getResultList();
        if (rows.isEmpty()) {
            return;
        }
        Object[] row = (Object[]) rows.get(0);
        tenancy.actAs(UUID.fromString(row[0].toString()));
        queueResetEmail(normalized, UUID.fromString(row[1].toString()));
    }

    @Transactional
    public Optional<Holder> check(String token) {
        return find(token).flatMap(link -> {
            User user = tenancy.em().find(User.class, link.userId());
            return user == null || !user.active() ? Optional.empty() : Optional.of(new Holder(user.email(), user.name(), link.purpose()));
        });
    }

    /** Sets the password through a valid link and spends it; returns the account's email for signing in. */
    @Transactional
    public String setPassword(String token, String newPassword) {
        PasswordLink link = find(token).orElseThrow(() -> new InvalidInputException("token", INVALID));
        User user = tenancy.em().find(User.class, link.userId());
        if (user == null || !user.active()) {
            throw new InvalidInputException("token", INVALID);
        }
        securityPolicy.passwordRules(user.workspaceId()).require("password", newPassword, user.email(), user.name());
        Instant now = Instant.now();
        user.changePasswordHash(PasswordHasher.hash(newPassword));
        auth.revokeAllTokensOf(user.id());
        link.use(now);
        tenancy.em().createQuery("UPDATE PasswordLink l SET l.link.usedAt = :now WHERE l.userId = :user AND l.link.usedAt IS NULL")
                .setParameter("now", now).setParameter("user", user.id()).executeUpdate();
        audit.fire(org.relaydesk.core.audit.Audited.of(user.workspaceId(), org.relaydesk.core.audit.AuditAction.PASSWORD_CHANGED, "user", user.id(),
                user.email()).by(user.id(), user.email()).changed(null, "through a one-time link"));
        return user.email();
    }

    /** The usable link of this token in whichever workspace it belongs to, which becomes current. */
    private Optional<PasswordLink> find(String token) {
        return SingleUseLink.find(tenancy, "password_links", PasswordLink.class, token).filter(link -> link.usableAt(Instant.now()));
    }
}
