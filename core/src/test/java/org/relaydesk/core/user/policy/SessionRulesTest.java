package org.relaydesk.core.user.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.relaydesk.core.error.InvalidInputException;

class SessionRulesTest {
    private final Instant signedIn = Instant.parse("2026-12-08T09:00:00Z");

    @Test
    void aSessionEndsAfterTheIdleLimitWithoutActivity() {
        SessionRules rules = new SessionRules(30, 12, true);
        Instant lastActive = signedIn.plus(Duration.ofMinutes(50));
        assertThat(rules.ended(signedIn, lastActive, false, lastActive.plus(Duration.ofMinutes(29)))).isFalse();
        assertThat(rules.ended(signedIn, lastActive, false, lastActive.plus(Duration.ofMinutes(30)))).isTrue();
    }

    @Test
    void activityDoesNotStretchASessionPastTheAbsoluteLimit() {
        SessionRules rules = new SessionRules(30, 12, true);
        Instant justNow = signedIn.plus(Duration.ofHours(12)).minusSeconds(1);
        assertThat(rules.ended(signedIn, justNow, false, justNow)).isFalse();
        assertThat(rules.ended(signedIn, justNow, false, signedIn.plus(Duration.ofHours(12)))).isTrue();
    }

    @Test
    void rememberMeKeepsAnUnusedSessionForThirtyDaysWhereAllowedAndNeverPastTheAbsoluteLimit() {
        SessionRules allowed = new SessionRules(30, 24 * 60, true);
        assertThat(allowed.idleFor(true)).isEqualTo(Duration.ofDays(30));
        assertThat(allowed.ended(signedIn, signedIn, true, signedIn.plus(Duration.ofDays(29)))).isFalse();
        assertThat(new SessionRules(30, 24 * 60, false).ended(signedIn, signedIn, true, signedIn.plus(Duration.ofMinutes(31))))
                .as("not allowed: the idle limit holds").isTrue();
        assertThat(new SessionRules(30, 48, true).idleFor(true)).isEqualTo(Duration.ofHours(48));
    }

    @Test
    void apiSessionTokensLiveTwelveHoursOrTheAbsoluteLimitIfShorter() {
        assertThat(SessionRules.DEFAULT.apiSessionEnd(signedIn)).isEqualTo(signedIn.plus(Duration.ofHours(12)));
        SessionRules strict = new SessionRules(15, 2, false);
        assertThat(strict.apiSessionEnd(signedIn)).isEqualTo(signedIn.plus(Duration.ofHours(2)));
        assertThat(strict.apiSessionTooOld(signedIn, signedIn.plus(Duration.ofHours(2)))).isTrue();
        assertThat(strict.apiSessionTooOld(signedIn, signedIn.plus(Duration.ofMinutes(119)))).isFalse();
    }

    @Test
    void limitsOutsideTheirRangesAreRefusedByName() {
        assertThatThrownBy(() -> new SessionRules(4, 12, true))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.fieldErrors()).containsKey("session_idle_minutes"));
        assertThatThrownBy(() -> new SessionRules(30, 0, true))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.fieldErrors()).containsKey("session_absolute_hours"));
        assertThatThrownBy(() -> new SessionRules(43_201, 8_761, true))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.fieldErrors()).containsOnlyKeys("session_idle_minutes",
                        "session_absolute_hours"));
    }
}
