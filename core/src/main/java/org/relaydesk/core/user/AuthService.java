package org.relaydesk.core.user;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.relaydesk.core.error.InvalidInputException;
import org.relaydesk.core.error.NotFoundException;
import org.relaydesk.core.persistence.SecretBox;
import org.relaydesk.core.persistence.SystemSettings;
import org.relaydesk.core.persistence.Tenancy;
import org.relaydesk.core.audit.AuditAction;
import org.relaydesk.core.audit.AuditLog;
import org.relaydesk.core.audit.Audited;
import org.relaydesk.core.user.mfa.SecondFactors;
import org.relaydesk.core.user.policy.SecurityPolicy;
import org.relaydesk.core.user.mfa.SignInChallenge;

/** Sign-in with password, session tokens (JWT), personal API tokens, and who is calling. */
@ApplicationScoped
public class AuthService {
    public static final String API_TOKEN_PREFIX = "rdk_";

    /** Personal API tokens live 90 days unless asked otherwise, and never longer than a year. */
    public static final int DEFAULT_TOKEN_DAYS = 90;
    public static final int MAX_TOKEN_DAYS = 365;

    private LoginThrottle throttle;

    @Inject
    RateLimits limits;

    @Inject
    Tenancy tenancy;

    @Inject
    SystemSettings settings;

    @Inject
    SecretBox secretBox;

    @Inject
    SecondFactors secondFactors;

    @Inject
    jakarta.enterprise.event.Event<Audited> audit;

    @Inject
    AuditLog auditLog;

    @Inject
    SecurityPolicy policy;

    private JwtIssuer jwt;

    @PostConstruct
    void loadKey() {
        throttle = limits.loginThrottle("staff-sign-in");
        String stored = settings.getOrCreate(JwtKeyAtRest.SETTING, () -> JwtKeyAtRest.newSealed(secretBox));
        JwtKeyAtRest.Loaded loaded = JwtKeyAtRest.load(stored, secretBox);
        if (loaded.replacement() != null && !settings.replace(JwtKeyAtRest.SETTING, stored, loaded.replacement())) {
            // another node sealed (or replaced) it first: use what it stored
            loaded = JwtKeyAtRest.load(settings.get(JwtKeyAtRest.SETTING).orElseThrow(), secretBox);
        }
        jwt = new JwtIssuer(loaded.key());
    }

    /** What a right password leads to: a session, or the second step of the sign-in. */
    public sealed interface PasswordAccepted permits LoginResult, SecondStepNeeded {
        AuthenticatedUser user();
    }

    public record LoginResult(String token, Instant expiresAt, AuthenticatedUser user) implements PasswordAccepted {
    }

    /**
     * The password was right, but the account signs in with a second factor (purpose CODE), or must
     * set one up first because its workspace requires it for its role (ENROL). The challenge lets its
     * holder finish with {@link #completeSignIn}; it is no session.
     */
    public record SecondStepNeeded(String challenge, SignInChallenge.Purpose purpose, Instant expiresAt, AuthenticatedUser user)
            implements PasswordAccepted {
    }

    /** A finished two-step sign-in; recoveryCodes are the new account's codes when the second factor was set up just now. */
    public record CompletedSignIn(LoginResult session, boolean remember, List<String> recoveryCodes) {
    }

    /** Checks the password; throttled (see {@link LoginThrottle}) so guessing does not pay and nobody can lock others out. */
    @Transactional
    public Optional<PasswordAccepted> login(String email, String password, String clientAddress) {
        return login(email, password, clientAddress, false);
    }

    /** The same, carrying the panel's "remember me" through a second step. */
    @Transactional
    public Optional<PasswordAccepted> login(String email, String password, String clientAddress, boolean remember) {
        String normalized = email == null ? "" : email.trim().toLowerCase(Locale.ROOT);
        String client = clientAddress == null ? "unknown" : clientAddress;
        throttle.check(normalized, client);
        Optional<User> user = findByEmail(normalized).filter(User::active);
        if (user.isEmpty()) {
            PasswordHasher.burnTime(password == null ? "" : password);
        }
        if (user.isEmpty() || !PasswordHasher.matches(password, user.get().passwordHash())) {
            // a wrong password for an account is recorded in its workspace; an address with no account has none to record it in
            user.ifPresent(account -> audit.fire(Audited.of(account.workspaceId(), AuditAction.SIGN_IN_FAILED, "user", account.id(), account.email())
                    .by(null, normalized)));
            return Optional.empty();
        }
        // the password was right: its attempt is given back (a second step's wrong codes have their own limit)
        throttle.passwordRight(normalized, client);
        Instant now = Instant.now();
        User account = user.get();
        SignInChallenge.Purpose second = secondFactors.enabledFor(account.workspaceId(), account.id()) ? SignInChallenge.Purpose.CODE
                : policy.requiresSecondFactor(account.workspaceId(), account.role()) ? SignInChallenge.Purpose.ENROL : null;
        if (second == null) {
            throttle.secondStepPassed(normalized, client);
            LoginResult result = session(account, now);
            audit.fire(Audited.of(account.workspaceId(), AuditAction.SIGN_IN, "user", account.id(), account.email()).by(account.id(), account.email())
                    .changed(null, "with a password"));
            return Optional.of(result);
        }
        SignInChallenge challenge = SignInChallenge.of(account.workspaceId(), account.id(), account.sessionEpoch(), second, remember, now);
        return Optional.of(new SecondStepNeeded(challenge.sign(challengeKey()), second, challenge.expiresAt(), AuthenticatedUser.of(account)));
    }

    /**
     * The second step: a code from the authenticator app or a recovery code; for an ENROL challenge,
     * the first code of the app just set up with {@link #enrolDuringSignIn}, which turns it on.
     */
    @Transactional
    public CompletedSignIn completeSignIn(String challengeText, String code, String clientAddress) {
        SignInChallenge challenge = openChallenge(challengeText);
        User account = tenancy.em().find(User.class, challenge.userId());
        List<String> recoveryCodes = List.of();
        Audited refused = Audited.of(account.workspaceId(), AuditAction.SECOND_STEP_FAILED, "user", account.id(), account.email())
                .by(account.id(), account.email());
        try {
            if (challenge.purpose() == SignInChallenge.Purpose.ENROL) {
                recoveryCodes = secondFactors.confirm(challenge.workspaceId(), challenge.userId(), code);
            } else if (!secondFactors.verify(challenge.workspaceId(), challenge.userId(), code)) {
                throw new InvalidInputException("code", "is not the current code of your authenticator app nor an unused recovery code");
            }
        } catch (InvalidInputException wrong) {
            // this transaction rolls back; the refusal is kept in one of its own (it must not wait on this one: nothing above
            // has been recorded in this transaction, so it holds no lock of the audit log)
            auditLog.recordApart(refused);
            throw wrong;
        }
        LoginResult result = session(account, Instant.now());
        audit.fire(Audited.of(account.workspaceId(), AuditAction.SIGN_IN, "user", account.id(), account.email()).by(account.id(), account.email())
                .changed(null, challenge.purpose() == SignInChallenge.Purpose.ENROL ? "with a password, then a new authenticator app" : "with a password and a code"));
        throttle.secondStepPassed(account.email().trim().toLowerCase(Locale.ROOT), clientAddress == null ? "unknown" : clientAddress);
        return new CompletedSignIn(result, challenge.remember(), recoveryCodes);
    }

    /** For an ENROL challenge: the secret of the authenticator app to set up (a new one each call). */
    @Transactional
    public SecondFactors.Enrolment enrolDuringSignIn(String challengeText) {
        SignInChallenge challenge = openChallenge(challengeText);
        if (challenge.purpose() != SignInChallenge.Purpose.ENROL) {
            throw new org.relaydesk.core.error.ConflictException("This account already signs in with a second factor");
        }
        return secondFactors.begin(challenge.workspaceId(), challenge.userId());
    }

    /** The challenge, when this installation signed it, it has not expired and the account is as it was (active, same sessions). */
    private SignInChallenge openChallenge(String text) {
        return SignInChallenge.read(text, challengeKey(), Instant.now()).filter(challenge -> {
            tenancy.actAs(challenge.workspaceId());
            User account = tenancy.em().find(User.class, challenge.userId());
            return account != null && account.active() && account.sessionEpoch() == challenge.sessionEpoch();
        }).orElseThrow(() -> new InvalidInputException("challenge", "has expired or is not valid; sign in again with your password"));
    }

    private byte[] challengeKey() {
        return secretBox.derive("sign-in-challenge");
    }

    private LoginResult session(User account, Instant now) {
        account.recordLogin(now);
        JwtIssuer.Issued issued = jwt.issue(account, now, policy.of(account.workspaceId()).sessions().apiSessionEnd(now));
        return new LoginResult(issued.token(), issued.expiresAt(), AuthenticatedUser.of(account));
    }

    /**
     * Password check for the web panel's form login, with the same throttling as the API: the user
     * when the password alone signs them in, nothing when it is wrong or a second step is needed.
     */
    @Transactional
    public Optional<AuthenticatedUser> checkPassword(String email, String password, String clientAddress) {
        return login(email, password, clientAddress).filter(LoginResult.class::isInstance).map(PasswordAccepted::user);
    }

    /**
     * A verified bearer credential: the user it acts for (capped by its scopes), its scopes, and its
     * id ("session:<jti>" or "token:<id>"), which signing out and minting refer to.
     */
    public record Bearer(AuthenticatedUser user, Set<TokenScope> scopes, String credential, Instant expiresAt) {
        public boolean allows(TokenScope scope) {
            return scopes.contains(scope);
        }
    }

    /** Resolves a bearer credential (a session JWT or a personal API token) to an active user. */
    @Transactional
    public Optional<AuthenticatedUser> authenticate(String bearer) {
        return verifyBearer(bearer).map(Bearer::user);
    }

    /** Resolves a bearer credential with what it may do. Expired, revoked or superseded credentials resolve to nothing. */
    @Transactional
    public Optional<Bearer> verifyBearer(String bearer) {
        if (bearer == null || bearer.isBlank() || bearer.length() > 4096) {
            return Optional.empty();
        }
        if (bearer.startsWith(API_TOKEN_PREFIX)) {
            return authenticateApiToken(bearer);
        }
        return jwt.verify(bearer, Instant.now()).flatMap(claims -> {
            if (!tenancy.sql("SELECT 1 FROM revoked_sessions WHERE jti = CAST(?1 AS uuid)")
                    .setParameter(1, claims.tokenId().toString()).getResultList().isEmpty()) {
                return Optional.empty();
            }
            // an admin may have shortened the workspace's absolute session limit since the token was issued
            if (policy.cached(claims.workspaceId()).sessions().apiSessionTooOld(claims.issuedAt(), Instant.now())) {
                return Optional.empty();
            }
            return activeUser(claims.workspaceId(), claims.userId())
                    .filter(user -> user.sessionEpoch() == claims.sessionEpoch())
                    .map(user -> new Bearer(user, EnumSet.allOf(TokenScope.class), SESSION + claims.tokenId(), claims.expiresAt()));
        });
    }

    private static final String SESSION = "session:";
    private static final String TOKEN = "token:";

    private Optional<Bearer> authenticateApiToken(String token) {
        List<?> rows = tenancy.sql(
                "UPDATE api_tokens SET last_used_at = now() WHERE token_hash = ?1 AND revoked_at IS NULL AND expires_at > now() "
                        + "RETURNING CAST(workspace_id AS text), CAST(user_id AS text), CAST(id AS text), scopes, expires_at, created_at")
                .setParameter(1, Secrets.sha256(token)).getResultList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Object[] row = (Object[]) rows.get(0);
        Set<TokenScope> scopes = TokenScope.parse(row[3].toString());
        Instant expires = row[4] instanceof java.sql.Timestamp t ? t.toInstant()
                : row[4] instanceof java.time.OffsetDateTime o ? o.toInstant() : Instant.parse(row[4].toString());
        UUID workspaceId = UUID.fromString(row[0].toString());
        Instant created = row[5] instanceof java.sql.Timestamp t ? t.toInstant()
                : row[5] instanceof java.time.OffsetDateTime o ? o.toInstant() : Instant.parse(row[5].toString());
        org.relaydesk.core.user.policy.TokenRules rules = policy.cached(workspaceId).tokens();
        if (!Instant.now().isBefore(created.plus(Duration.ofDays(rules.maxDays())))) {
            return Optional.empty(); // older than the workspace now lets a token live
        }
        return activeUser(workspaceId, UUID.fromString(row[1].toString()))
                // a token of a role the workspace no longer lets have tokens rests until the policy or the role changes back
                .filter(user -> rules.allows(user.role()))
                .map(user -> scopes.contains(TokenScope.ADMIN) ? user : user.atMost(Role.SUPERVISOR))
                .map(user -> new Bearer(user, scopes, TOKEN + row[2], expires));
    }

    /**
     * Signs a credential out: a session token stops working at once (remembered until it would have
     * expired); a personal token is revoked with every token minted with it. Tokens made in a session
     * are the person's own and outlive it (a password change or reset revokes them all).
     */
    @Transactional
    public void signOut(Bearer bearer) {
        tenancy.actAs(bearer.user().workspaceId());
        if (bearer.credential().startsWith(SESSION)) {
            tenancy.sql("INSERT INTO revoked_sessions (jti, expires_at) VALUES (CAST(?1 AS uuid), ?2) ON CONFLICT DO NOTHING")
                    .setParameter(1, bearer.credential().substring(SESSION.length()))
                    .setParameter(2, java.sql.Timestamp.from(bearer.expiresAt())).executeUpdate();
            tenancy.sql("DELETE FROM revoked_sessions WHERE expires_at < now()").executeUpdate();
        } else {
            revokeWithDescendants(UUID.fromString(bearer.credential().substring(TOKEN.length())));
        }
    }

    /** A token and every token minted with it, and with those, and so on. */
    private void revokeWithDescendants(UUID tokenId) {
        tenancy.sql("WITH RECURSIVE tree(id) AS (SELECT CAST(?1 AS uuid) UNION "
                + "SELECT t.id FROM api_tokens t JOIN tree ON t.minted_by = 'token:' || CAST(tree.id AS text)) "
                + "UPDATE api_tokens SET revoked_at = now() WHERE id IN (SELECT id FROM tree) AND revoked_at IS NULL")
                .setParameter(1, tokenId.toString()).executeUpdate();
    }

    /**
     * "Sign out everywhere": every session and session token of the caller's account ends (this one
     * too: the panel renews its own with the answer); with {@code revokeTokens}, every personal API
     * token as well.
     */
    @Transactional
    public AuthenticatedUser signOutEverywhere(AuthenticatedUser me, boolean revokeTokens) {
        tenancy.actAs(me.workspaceId());
        User user = tenancy.em().find(User.class, me.id());
        if (user == null) {
            throw new NotFoundException("User");
        }
        user.endSessions();
        if (revokeTokens) {
            revokeAllTokensOf(user.id());
        }
        audit.fire(Audited.of(me.workspaceId(), AuditAction.SIGNED_OUT_EVERYWHERE, "user", user.id(), user.email())
                .changed(null, revokeTokens ? "sessions and personal API tokens ended" : "sessions ended"));
        return AuthenticatedUser.of(user);
    }

    /** After a password change or reset: every personal token of the account stops working (sessions end by their epoch). */
    void revokeAllTokensOf(UUID userId) {
        tenancy.sql("UPDATE api_tokens SET revoked_at = now() WHERE user_id = CAST(?1 AS uuid) AND revoked_at IS NULL")
                .setParameter(1, userId.toString()).executeUpdate();
    }

    /**
     * The panel session's user as the database has them now: a changed role applies at the next
     * request, and a deactivated user is signed out.
     */
    @Transactional
    public Optional<AuthenticatedUser> refresh(AuthenticatedUser sessionUser) {
        return activeUser(sessionUser.workspaceId(), sessionUser.id()).filter(user -> user.sessionEpoch() == sessionUser.sessionEpoch());
    }

    private Optional<AuthenticatedUser> activeUser(UUID workspaceId, UUID userId) {
        tenancy.actAs(workspaceId);
        return Optional.ofNullable(tenancy.em().find(User.class, userId)).filter(User::active).map(AuthenticatedUser::of);
    }

    private Optional<User> findByEmail(String email) {
        List<?> rows = tenancy.sql(
                "SELECT CAST(workspace_id AS text), CAST(id AS text) FROM users WHERE lower(email) = ?1")
                .setParameter(1, email).getResultList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Object[] row = (Object[]) rows.get(0);
        tenancy.actAs(UUID.fromString(row[0].toString()));
        return Optional.ofNullable(tenancy.em().find(User.class, UUID.fromString(row[1].toString())));
    }

    public record CreatedToken(UUID id, String name, String token, Instant createdAt, Instant expiresAt, Set<TokenScope> scopes) {
    }

    /** What a new personal token is asked for; null scopes mean read and write, null days {@link #DEFAULT_TOKEN_DAYS}. */
    public record TokenRequest(String name, Set<TokenScope> scopes, Integer days) {
    }

    /**
     * A new personal token for the caller. A token minted with another token gets no more scopes and
     * no longer life than its minter, and is revoked with it.
     */
    @Transactional
    public CreatedToken createApiToken(AuthenticatedUser owner, TokenRequest request, Bearer minter) {
        org.relaydesk.core.user.policy.TokenRules rules = policy.of(owner.workspaceId()).tokens();
        if (!rules.allows(owner.role())) {
            throw new org.relaydesk.core.error.PermissionDeniedException("Your workspace's security settings do not allow personal API tokens for "
                    + owner.role().apiName() + "s");
        }
        InvalidInputException.Collector errors = new InvalidInputException.Collector();
        String name = request.name();
        int days = request.days() == null ? Math.min(DEFAULT_TOKEN_DAYS, rules.maxDays()) : request.days();
        Set<TokenScope> scopes = request.scopes() == null ? EnumSet.of(TokenScope.READ, TokenScope.WRITE) : EnumSet.copyOf(
                request.scopes().isEmpty() ? EnumSet.noneOf(TokenScope.class) : request.scopes());
        errors.check(name != null && !name.isBlank() && name.length() <= 100, "name", "must be 1 to 100 characters")
                .check(days >= 1 && days <= rules.maxDays(), "expires_in_days", "must be 1 to " + rules.maxDays()
                        + (rules.maxDays() < MAX_TOKEN_DAYS ? " (the workspace's limit)" : ""))
                .check(!scopes.isEmpty(), "scopes", "must name at least one of read, write, admin")
                .check(!scopes.contains(TokenScope.ADMIN) || owner.may(Role.ADMIN), "scopes", "admin needs the admin role");
        errors.throwIfAny();
        Instant now = Instant.now();
        Instant expires = now.plus(Duration.ofDays(days));
        if (minter != null) {
            if (!minter.scopes().containsAll(scopes)) {
                throw new org.relaydesk.core.error.PermissionDeniedException("A token cannot mint a token with more scopes than its own");
            }
            if (expires.isAfter(minter.expiresAt())) {
                expires = minter.expiresAt();
            }
        }
        String token = Secrets.newToken(API_TOKEN_PREFIX);
        ApiToken stored = new ApiToken(owner.id(), name.trim(), Secrets.sha256(token), scopes, expires,
                minter == null ? null : minter.credential());
        tenancy.em().persist(stored);
        audit.fire(Audited.of(owner.workspaceId(), AuditAction.API_TOKEN_CREATED, "api_token", stored.id(), stored.name())
                .changed(null, "scopes: " + scopes.stream().map(TokenScope::apiName).sorted().toList() + ", expires " + expires));
        return new CreatedToken(stored.id(), stored.name(), token, stored.createdAt(), expires, scopes);
    }

    /** A user revokes their own tokens; an admin any token of the workspace. */
    @Transactional
    public void revokeApiToken(AuthenticatedUser caller, UUID tokenId) {
        ApiToken token = tenancy.em().find(ApiToken.class, tokenId);
        if (token == null || token.revokedAt() != null
                || (!token.userId().equals(caller.id()) && !(caller.may(Role.ADMIN) && mayManageTokensOf(token.userId(), caller)))) {
            throw new NotFoundException("API token");
        }
        revokeWithDescendants(token.id());
        audit.fire(Audited.of(caller.workspaceId(), AuditAction.API_TOKEN_REVOKED, "api_token", token.id(), token.name()));
    }

    /** An admin manages colleagues' tokens, but the system administrator's only the system administrator. */
    private boolean mayManageTokensOf(UUID owner, AuthenticatedUser caller) {
        User user = tenancy.em().find(User.class, owner);
        return user != null && (!user.systemAdmin() || caller.systemAdmin());
    }

    @Transactional
    public List<ApiToken> apiTokensOf(AuthenticatedUser caller) {
        return tenancy.em().createQuery(
                "SELECT t FROM ApiToken t WHERE t.userId = :user AND t.revokedAt IS NULL AND t.expiresAt > :now ORDER BY t.createdAt", ApiToken.class)
                .setParameter("user", caller.id()).setParameter("now", Instant.now()).getResultList();
    }
}
