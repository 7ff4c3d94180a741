package org.relaydesk.core.user.mfa;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SignInChallengeTest {
    private static final byte[] KEY = "an installation's derived key, 32".getBytes(StandardCharsets.US_ASCII);
    private static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");
    private final UUID workspace = UUID.randomUUID();
    private final UUID user = UUID.randomUUID();

    @Test
    void readsBackWhatItSignedUntilFiveMinutesHavePassed() {
        SignInChallenge challenge = SignInChallenge.of(workspace, user, 3, SignInChallenge.Purpose.CODE, true, NOW);
        String text = challenge.sign(KEY);
        assertThat(SignInChallenge.read(text, KEY, NOW.plusSeconds(299))).contains(challenge);
        assertThat(SignInChallenge.read(text, KEY, NOW.plusSeconds(300))).isEmpty();
    }

    @Test
    void refusesAChallengeSignedWithAnotherKeyOrChanged() {
        String text = SignInChallenge.of(workspace, user, 3, SignInChallenge.Purpose.CODE, false, NOW).sign(KEY);
        assertThat(SignInChallenge.read(text, "another installation's key....!!".getBytes(StandardCharsets.US_ASCII), NOW)).isEmpty();

        // the payload changed to another account, keeping the signature
        String payload = new String(Base64.getUrlDecoder().decode(text.substring(0, text.indexOf('.'))), StandardCharsets.UTF_8);
        String forged = Base64.getUrlEncoder().withoutPadding().encodeToString(payload.replace(user.toString(), UUID.randomUUID().toString())
                .getBytes(StandardCharsets.UTF_8)) + text.substring(text.indexOf('.'));
        assertThat(SignInChallenge.read(forged, KEY, NOW)).isEmpty();

        // an ENROL challenge made from a CODE one
        String enrol = Base64.getUrlEncoder().withoutPadding().encodeToString(payload.replace("CODE", "ENROL").getBytes(StandardCharsets.UTF_8))
                + text.substring(text.indexOf('.'));
        assertThat(SignInChallenge.read(enrol, KEY, NOW)).isEmpty();
    }

    @Test
    void refusesWhatIsNotAChallengeWithoutThrowing() {
        for (String junk : new String[] {null, "", ".", "abc", "abc.def", "a.b.c", "%%%.%%%", "x".repeat(10_000),
                "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2ln"}) {
            assertThat(SignInChallenge.read(junk, KEY, NOW)).as(String.valueOf(junk)).isEmpty();
        }
    }
}
