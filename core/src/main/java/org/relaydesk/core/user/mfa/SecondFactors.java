package org.relaydesk.core.user.mfa;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import java.util.UUID;
import org.relaydesk.core.error.ConflictException;
import org.relaydesk.core.error.InvalidInputException;
import org.relaydesk.core.error.NotFoundException;
import org.relaydesk.core.error.PermissionDeniedException;
import org.relaydesk.core.persistence.SecretBox;
import org.relaydesk.core.persistence.Tenancy;
import org.relaydesk.core.user.AuthenticatedUser;
import org.relaydesk.core.user.RateLimiter;
import org.relaydesk.core.user.RateLimits;
import org.relaydesk.core.user.Role;
import org.relaydesk.core.user.User;
import org.relaydesk.core.user.policy.SecurityPolicy;

/**
 * Staff accounts' second factor: a TOTP authenticator app, with recovery codes for a lost phone.
 * Set up in two steps (a secret, then a first code from the app proves it was stored); a code is
 * accepted once; wrong codes are throttled per account, so a stolen password does not buy time to
 * guess. Every method acts on the account given and checks who may: one's own account, or an admin
 * resetting a colleague's.
 */
@ApplicationScoped
public class SecondFactors {
    /** The name authenticator apps show above the code. */
    static final String ISSUER = "Relaydesk";

    @Inject
    Tenancy tenancy;

    @Inject
    SecretBox secretBox;

    @Inject
    RateLimits limits;

    @Inject
    SecurityPolicy policy;

    @Inject
    jakarta.enterprise.event.Event<org.relaydesk.core.audit.Audited> audit;

    Clock clock = Clock.systemUTC();

    private RateLimiter wrongCodes;

    @PostConstruct
    void limits() {
        // every attempt takes one before the code is looked at and a right code gives it back: a guesser with the
        // password gets 5 tries per 15 minutes (480 a day) at codes of one in a million, however many they send at once
        wrongCodes = limits.limiter("second-factor.wrong-codes", 5, Duration.ofMinutes(15), "Too many wrong codes; try again later");
    }

    public record Status(boolean enabled, Instant enabledAt, int recoveryCodesLeft, boolean required) implements java.io.Serializable {
    }

    /** The secret to put into the app, as text and as the otpauth:// address a QR code carries. */
    public record Enrolment(String secret, String provisioningUri) implements java.io.Serializable {
    }

    @Transactional
    public Status status(AuthenticatedUser me) {
        User user = user(me.workspaceId(), me.id());
        Instant enabledAt = confirmedAt(user.id());
        int left = enabledAt == null ? 0 : ((Number) tenancy.sql("SELECT count(*) FROM user_recovery_codes WHERE user_id = CAST(?1 AS uuid) AND used_at IS NULL")
                .setParameter(1, user.id().toString()).getSingleResult()).intValue();
        return new Status(enabledAt != null, enabledAt, left, policy.requiresSecondFactor(me.workspaceId(), user.role()));
    }

    @Transactional
    public boolean enabledFor(UUID workspaceId, UUID userId) {
        tenancy.actAs(workspaceId);
        return confirmedAt(userId) != null;
    }

    /** The workspace's accounts whose second factor is on (for the users page). */
    @Transactional
    public java.util.Set<UUID> enabledAccounts(UUID workspaceId) {
        tenancy.actAs(workspaceId);
        List<?> ids = tenancy.sql("SELECT CAST(user_id AS text) FROM user_second_factors WHERE workspace_id = CAST(?1 AS uuid) "
                + "AND confirmed_at IS NOT NULL").setParameter(1, workspaceId.toString()).getResultList();
        return ids.stream().map(id -> UUID.fromString(id.toString())).collect(java.util.stream.Collectors.toUnmodifiableSet());
    }

    /**
     * A new secret for the account, waiting for its first code. Starting again replaces a secret not
     * yet confirmed; an account whose second factor is on must turn it off first (with a code).
     */
    @Transactional
    public Enrolment begin(UUID workspaceId, UUID userId) {
        User user = user(workspaceId, userId);
        if (confirmedAt(userId) != null) {
            throw new ConflictException("Two-step sign-in is already on for this account; turn it off first to set up another app");
        }
        byte[] secret = Totp.newSecret();
        tenancy.sql("INSERT INTO user_second_factors (user_id, workspace_id, totp_secret, confirmed_at, last_step, created_at) "
                + "VALUES (CAST(?1 AS uuid), CAST(?2 AS uuid), ?3, NULL, 0, ?4) ON CONFLICT (user_id) DO UPDATE SET totp_secret = EXCLUDED.totp_secret, "
                + "confirmed_at = NULL, last_step = 0, created_at = EXCLUDED.created_at")
                .setParameter(1, userId.toString()).setParameter(2, workspaceId.toString())
                .setParameter(3, secretBox.seal(Totp.base32(secret), boundTo(userId))).setParameter(4, Timestamp.from(clock.instant()))
                .executeUpdate();
        return new Enrolment(Totp.base32(secret), Totp.provisioningUri(secret, ISSUER, user.email()));
    }

    /**
     * The first code from the app turns the second factor on; the answer is the recovery codes, shown
     * this once. Every session and session token of the account ends (someone who signed in with the
     * password alone before is out); personal API tokens stay, as the owner's own.
     */
    @Transactional
    public List<String> confirm(UUID workspaceId, UUID userId, String code) {
        User user = user(workspaceId, userId);
        Stored stored = stored(userId).orElseThrow(() -> new ConflictException("Start setting up two-step sign-in first"));
        if (stored.confirmed()) {
            throw new ConflictException("Two-step sign-in is already on for this account");
        }
        takeAttempt(userId);
        if (!acceptTotp(userId, stored, code)) {
            throw wrongCode();
        }
        wrongCodes.refund(userId.toString());
        tenancy.sql("UPDATE user_second_factors SET confirmed_at = ?2 WHERE user_id = CAST(?1 AS uuid)")
                .setParameter(1, userId.toString()).setParameter(2, Timestamp.from(clock.instant())).executeUpdate();
        user.endSessions();
        audit.fire(self(user, org.relaydesk.core.audit.AuditAction.SECOND_FACTOR_ON));
        return replaceRecoveryCodes(workspaceId, userId);
    }

    /**
     * Whether the code (from the app, or an unused recovery code) is right for the account, using it up.
     * Throttled: each attempt takes one of five a quarter-hour before the code is looked at (so guesses
     * sent together are each counted), and a right code gives it back. While none is left every attempt,
     * even with the right code, is refused for a while.
     */
    @Transactional
    public boolean verify(UUID workspaceId, UUID userId, String code) {
        tenancy.actAs(workspaceId);
        Stored stored = stored(userId).filter(Stored::confirmed).orElse(null);
        if (stored == null) {
            return false;
        }
        takeAttempt(userId);
        if (acceptTotp(userId, stored, code) || useRecoveryCode(userId, code)) {
            wrongCodes.refund(userId.toString());
            return true;
        }
        return false;
    }

    /** Turns one's own second factor off; needs a current code (or a recovery code), not only the session. */
    @Transactional
    public void turnOff(AuthenticatedUser me, String code) {
        User user = user(me.workspaceId(), me.id());
        if (policy.requiresSecondFactor(me.workspaceId(), user.role())) {
            throw new ConflictException("Your workspace requires two-step sign-in for your role; an admin can reset it if you lost your phone");
        }
        if (!verify(me.workspaceId(), me.id(), code)) {
            throw wrongCode();
        }
        remove(user.id());
        audit.fire(self(user, org.relaydesk.core.audit.AuditAction.SECOND_FACTOR_OFF));
    }

    /** A new set of recovery codes (the old ones stop working); needs a current code. */
    @Transactional
    public List<String> newRecoveryCodes(AuthenticatedUser me, String code) {
        User user = user(me.workspaceId(), me.id());
        if (!verify(me.workspaceId(), me.id(), code)) {
            throw wrongCode();
        }
        audit.fire(self(user, org.relaydesk.core.audit.AuditAction.RECOVERY_CODES_RENEWED));
        return replaceRecoveryCodes(me.workspaceId(), me.id());
    }

    /**
     * An admin removes a colleague's second factor (a lost phone and no recovery codes): their
     * sessions end, and at the next sign-in they set it up again where the workspace requires it.
     */
    @Transactional
    public void reset(AuthenticatedUser admin, UUID userId) {
        if (!admin.may(Role.ADMIN)) {
            throw new PermissionDeniedException("Only admins can reset a colleague's two-step sign-in");
        }
        User target = user(admin.workspaceId(), userId);
        if (target.id().equals(admin.id())) {
            // one's own goes off on one's settings page, with a code: a stolen admin session alone must not remove it
            throw new PermissionDeniedException("Turn your own two-step sign-in off on your settings page, with a code");
        }
        if (target.systemAdmin() && !admin.systemAdmin()) {
            throw new PermissionDeniedException("Only the system administrator can change the system administrator's account");
        }
        if (stored(userId).filter(Stored::confirmed).isEmpty()) {
            throw new ConflictException("This account has no two-step sign-in to reset");
        }
        remove(userId);
        target.endSessions();
        audit.fire(org.relaydesk.core.audit.Audited.of(admin.workspaceId(), org.relaydesk.core.audit.AuditAction.SECOND_FACTOR_RESET, "user",
                target.id(), target.email()).by(admin.id(), admin.email()));
    }

    /** An action on one's own account, recorded as theirs (it may come before any session, in the sign-in's set-up). */
    private static org.relaydesk.core.audit.Audited self(User user, org.relaydesk.core.audit.AuditAction action) {
        return org.relaydesk.core.audit.Audited.of(user.workspaceId(), action, "user", user.id(), user.email()).by(user.id(), user.email());
    }

    private void remove(UUID userId) {
        tenancy.sql("DELETE FROM user_recovery_codes WHERE user_id = CAST(?1 AS uuid)").setParameter(1, userId.toString()).executeUpdate();
        tenancy.sql("DELETE FROM user_second_factors WHERE user_id = CAST(?1 AS uuid)").setParameter(1, userId.toString()).executeUpdate();
    }

    /** Refuses the attempt when the account has no attempts left; otherwise one is taken (a right code gives it back). */
    private void takeAttempt(UUID userId) {
        wrongCodes.take(userId.toString()).ifPresent(refused -> {
            throw refused;
        });
    }

    private boolean acceptTotp(UUID userId, Stored stored, String code) {
        OptionalLong step = Totp.matchingStep(Totp.fromBase32(secretBox.open(stored.sealedSecret(), boundTo(userId))), code, clock.instant());
        // a code counts once: the step must be later than the last one accepted, claimed in one statement
        return step.isPresent() && tenancy.sql("UPDATE user_second_factors SET last_step = ?2 WHERE user_id = CAST(?1 AS uuid) AND last_step < ?2")
                .setParameter(1, userId.toString()).setParameter(2, step.getAsLong()).executeUpdate() == 1;
    }

    private boolean useRecoveryCode(UUID userId, String code) {
        return RecoveryCodes.looksLikeOne(code) && tenancy.sql(
                "UPDATE user_recovery_codes SET used_at = ?3 WHERE user_id = CAST(?1 AS uuid) AND code_hash = ?2 AND used_at IS NULL")
                .setParameter(1, userId.toString()).setParameter(2, RecoveryCodes.hash(code, recoveryCodeKey()))
                .setParameter(3, Timestamp.from(clock.instant())).executeUpdate() > 0;
    }

    /** Recovery codes are kept as HMACs under a key derived from the installation's, so a copy of the database alone cannot be searched for them. */
    private byte[] recoveryCodeKey() {
        return secretBox.derive("recovery-codes");
    }

    private List<String> replaceRecoveryCodes(UUID workspaceId, UUID userId) {
        tenancy.sql("DELETE FROM user_recovery_codes WHERE user_id = CAST(?1 AS uuid)").setParameter(1, userId.toString()).executeUpdate();
        List<String> codes = RecoveryCodes.generate();
        for (String code : codes) {
            tenancy.sql("INSERT INTO user_recovery_codes (id, user_id, workspace_id, code_hash) VALUES (CAST(?1 AS uuid), CAST(?2 AS uuid), CAST(?3 AS uuid), ?4)")
                    .setParameter(1, UUID.randomUUID().toString()).setParameter(2, userId.toString()).setParameter(3, workspaceId.toString())
                    .setParameter(4, RecoveryCodes.hash(code, recoveryCodeKey())).executeUpdate();
        }
        return codes;
    }

    private static InvalidInputException wrongCode() {
        return new InvalidInputException("code", "is not the current code of your authenticator app nor an unused recovery code");
    }

    private record Stored(String sealedSecret, boolean confirmed) {
    }

    private java.util.Optional<Stored> stored(UUID userId) {
        List<?> rows = tenancy.sql("SELECT totp_secret, confirmed_at IS NOT NULL FROM user_second_factors WHERE user_id = CAST(?1 AS uuid)")
                .setParameter(1, userId.toString()).getResultList();
        if (rows.isEmpty()) {
            return java.util.Optional.empty();
        }
        Object[] row = (Object[]) rows.get(0);
        return java.util.Optional.of(new Stored((String) row[0], Boolean.TRUE.equals(row[1])));
    }

    private Instant confirmedAt(UUID userId) {
        List<?> rows = tenancy.sql("SELECT confirmed_at FROM user_second_factors WHERE user_id = CAST(?1 AS uuid) AND confirmed_at IS NOT NULL")
                .setParameter(1, userId.toString()).getResultList();
        if (rows.isEmpty()) {
            return null;
        }
        Object value = rows.get(0);
        return value instanceof Timestamp t ? t.toInstant() : value instanceof java.time.OffsetDateTime o ? o.toInstant() : Instant.parse(value.toString());
    }

    /** The account in its workspace; NotFound for another workspace's (the workspace filter sees to it). */
    private User user(UUID workspaceId, UUID userId) {
        tenancy.actAs(workspaceId);
        User user = tenancy.em().find(User.class, userId);
        if (user == null) {
            throw new NotFoundException("User");
        }
        return user;
    }

    private static String boundTo(UUID userId) {
        return "user-second-factor:" + userId;
    }
}
