package org.relaydesk.core.user;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.relaydesk.core.error.InvalidInputException;
import org.relaydesk.core.error.NotFoundException;
import org.relaydesk.core.persistence.SecretBox;
import org.relaydesk.core.persistence.SystemSettings;
import org.relaydesk.core.persistence.Tenancy;

/** Sign-in with password, session tokens (JWT), personal API tokens, and who is calling. */
@ApplicationScoped
public class AuthService {
    public static final String API_TOKEN_PREFIX = "rdk_";

    /** Five failed sign-ins per account per 15 minutes, thirty per client address: then 429 until they refill. */
    private final RateLimiter perAccount = new RateLimiter(5, Duration.ofMinutes(15), "Too many sign-in attempts for this account");
    private final RateLimiter perClient = new RateLimiter(30, Duration.ofMinutes(15), "Too many sign-in attempts from this address");

    @Inject
    Tenancy tenancy;

    @Inject
    SystemSettings settings;

    @Inject
    SecretBox secretBox;

    private JwtIssuer jwt;

    @PostConstruct
    void loadKey() {
        String stored = settings.getOrCreate(JwtKeyAtRest.SETTING, () -> JwtKeyAtRest.newSealed(secretBox));
        JwtKeyAtRest.Loaded loaded = JwtKeyAtRest.load(stored, secretBox);
        if (loaded.replacement() != null && !settings.replace(JwtKeyAtRest.SETTING, stored, loaded.replacement())) {
            // another node sealed (or replaced) it first: use what it stored
            loaded = JwtKeyAtRest.load(settings.get(JwtKeyAtRest.SETTING).orElseThrow(), secretBox);
        }
        jwt = new JwtIssuer(loaded.key());
    }

    public record LoginResult(String token, Instant expiresAt, AuthenticatedUser user) {
    }

    /** Checks the password; throttled per account and per client so guessing does not pay. */
    @Transactional
    public Optional<LoginResult> login(String email, String password, String clientAddress) {
        String normalized = email == null ? "" : email.trim().toLowerCase(Locale.ROOT);
        perClient.check(clientAddress);
        perAccount.check(normalized);
        Optional<User> user = findByEmail(normalized).filter(User::active);
        if (user.isEmpty()) {
            PasswordHasher.burnTime(password == null ? "" : password);
        }
        if (user.isEmpty() || !PasswordHasher.matches(password, user.get().passwordHash())) {
            perClient.recordFailure(clientAddress);
            perAccount.recordFailure(normalized);
            return Optional.empty();
        }
        perAccount.reset(normalized);
        Instant now = Instant.now();
        user.get().recordLogin(now);
        JwtIssuer.Issued issued = jwt.issue(user.get(), now);
        return Optional.of(new LoginResult(issued.token(), issued.expiresAt(), AuthenticatedUser.of(user.get())));
    }

    /** Password check for the web panel's form login, with the same throttling as the API. */
    @Transactional
    public Optional<AuthenticatedUser> checkPassword(String email, String password, String clientAddress) {
        return login(email, password, clientAddress).map(LoginResult::user);
    }

    /** Resolves a bearer credential (a session JWT or a personal API token) to an active user. */
    @Transactional
    public Optional<AuthenticatedUser> authenticate(String bearer) {
        if (bearer == null || bearer.isBlank()) {
            return Optional.empty();
        }
        if (bearer.startsWith(API_TOKEN_PREFIX)) {
            return authenticateApiToken(bearer);
        }
        return jwt.verify(bearer, Instant.now()).flatMap(claims -> activeUser(claims.workspaceId(), claims.userId()));
    }

    private Optional<AuthenticatedUser> authenticateApiToken(String token) {
        List<?> rows = tenancy.sql(
                "UPDATE api_tokens SET last_used_at = now() WHERE token_hash = ?1 AND revoked_at IS NULL "
                        + "RETURNING CAST(workspace_id AS text), CAST(user_id AS text)")
                .setParameter(1, Secrets.sha256(token)).getResultList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Object[] row = (Object[]) rows.get(0);
        return activeUser(UUID.fromString(row[0].toString()), UUID.fromString(row[1].toString()));
    }

    /**
     * The panel session's user as the database has them now: a changed role applies at the next
     * request, and a deactivated user is signed out.
     */
    @Transactional
    public Optional<AuthenticatedUser> refresh(AuthenticatedUser sessionUser) {
        return activeUser(sessionUser.workspaceId(), sessionUser.id());
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

    public record CreatedToken(UUID id, String name, String token, Instant createdAt) {
    }

    @Transactional
    public CreatedToken createApiToken(AuthenticatedUser owner, String name) {
        if (name == null || name.isBlank() || name.length() > 100) {
            throw new InvalidInputException("name", "must be 1 to 100 characters");
        }
        String token = Secrets.newToken(API_TOKEN_PREFIX);
        ApiToken stored = new ApiToken(owner.id(), name.trim(), Secrets.sha256(token));
        tenancy.em().persist(stored);
        return new CreatedToken(stored.id(), stored.name(), token, stored.createdAt());
    }

    /** A user revokes their own tokens; an admin any token of the workspace. */
    @Transactional
    public void revokeApiToken(AuthenticatedUser caller, UUID tokenId) {
        ApiToken token = tenancy.em().find(ApiToken.class, tokenId);
        if (token == null || token.revokedAt() != null
                || (!token.userId().equals(caller.id()) && !caller.may(Role.ADMIN))) {
            throw new NotFoundException("API token");
        }
        token.revoke(Instant.now());
    }

    @Transactional
    public List<ApiToken> apiTokensOf(AuthenticatedUser caller) {
        return tenancy.em().createQuery(
                "SELECT t FROM ApiToken t WHERE t.userId = :user AND t.revokedAt IS NULL ORDER BY t.createdAt", ApiToken.class)
                .setParameter("user", caller.id()).getResultList();
    }
}
