package org.relaydesk.core.user;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.relaydesk.core.persistence.WorkspaceOwned;

class JwtIssuerTest {
    private final JwtIssuer issuer = new JwtIssuer(Secrets.randomBytes(32));
    private final Instant now = Instant.parse("2026-01-15T10:00:00Z");

    private User user() throws Exception {
        User user = new User("Agent@Example.com", "Agent", Role.AGENT, "hash");
        Field workspace = WorkspaceOwned.class.getDeclaredField("workspaceId");
        workspace.setAccessible(true);
        workspace.set(user, UUID.randomUUID());
        return user;
    }

    @Test
    void acceptsItsOwnTokenUntilItExpires() throws Exception {
        User user = user();
        JwtIssuer.Issued issued = issuer.issue(user, now);
        JwtIssuer.Claims claims = issuer.verify(issued.token(), now.plusSeconds(60)).orElseThrow();
        assertThat(claims.userId()).isEqualTo(user.id());
        assertThat(claims.workspaceId()).isEqualTo(user.workspaceId());
        assertThat(claims.sessionEpoch()).isZero();
        assertThat(claims.expiresAt()).isEqualTo(issued.expiresAt());
        assertThat(claims.issuedAt()).isEqualTo(now);
        assertThat(issuer.verify(issued.token(), issued.expiresAt())).isEmpty();
    }

    @Test
    void aWorkspaceCanShortenATokensLifeButNeverLengthenIt() throws Exception {
        User user = user();
        assertThat(issuer.issue(user, now, now.plusSeconds(3600)).expiresAt()).isEqualTo(now.plusSeconds(3600));
        assertThat(issuer.issue(user, now, now.plus(java.time.Duration.ofDays(2))).expiresAt()).isEqualTo(now.plus(JwtIssuer.LIFETIME));
    }

    @Test
    void aPasswordChangeMovesTheAccountToTheNextEpoch() throws Exception {
        User user = user();
        JwtIssuer.Claims before = issuer.verify(issuer.issue(user, now).token(), now).orElseThrow();
        user.changePasswordHash("another-hash");
        JwtIssuer.Claims after = issuer.verify(issuer.issue(user, now).token(), now).orElseThrow();
        assertThat(after.sessionEpoch()).isEqualTo(before.sessionEpoch() + 1);
        assertThat(after.tokenId()).isNotEqualTo(before.tokenId());
    }

    @Test
    void rejectsTamperedAndForeignTokens() throws Exception {
        String token = issuer.issue(user(), now).token();
        String tampered = token.substring(0, token.length() - 3) + (token.endsWith("A") ? "BBB" : "AAA");
        assertThat(issuer.verify(tampered, now)).isEmpty();
        assertThat(new JwtIssuer(Secrets.randomBytes(32)).verify(token, now)).isEmpty();
        assertThat(issuer.verify("not-a-jwt", now)).isEmpty();
    }

    @Test
    void passwordsAreHashedWithArgon2AndChecked() {
        String hash = PasswordHasher.hash("correct horse battery");
        assertThat(hash).startsWith("$argon2id$");
        assertThat(PasswordHasher.matches("correct horse battery", hash)).isTrue();
        assertThat(PasswordHasher.matches("wrong", hash)).isFalse();
        assertThat(PasswordHasher.matches("x", "garbage")).isFalse();
    }
}
