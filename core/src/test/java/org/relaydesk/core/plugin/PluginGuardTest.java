package org.relaydesk.core.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class PluginGuardTest {
    private Instant now = Instant.parse("2026-12-02T10:00:00Z");
    private final Clock clock = new Clock() {
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        public Instant instant() {
            return now;
        }
    };
    private final PluginGuard guard = new PluginGuard(Duration.ofMillis(200), Duration.ofMinutes(1), clock);

    @Test
    void aCallThatAnswersInTimeReturnsItsResult() throws Exception {
        assertThat(guard.call("action-x", () -> "done", null)).isEqualTo("done");
        assertThat(guard.health("action-x").state(now)).isEqualTo("ok");
        assertThat(guard.health("action-x").calls()).isEqualTo(1);
    }

    @Test
    void aHangingCallIsCutOffAtTheLimitAndInterrupted() throws Exception {
        CountDownLatch interrupted = new CountDownLatch(1);
        long started = System.nanoTime();
        assertThatThrownBy(() -> guard.call("action-x", () -> {
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                interrupted.countDown();
            }
            return "late";
        }, null)).isInstanceOf(PluginGuard.CallFailed.class).hasMessageContaining("did not answer within");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
        assertThat(interrupted.await(10, java.util.concurrent.TimeUnit.SECONDS)).as("the plugin's thread is interrupted").isTrue();
        assertThat(guard.health("action-x").state(now)).isEqualTo("failing");
        assertThat(guard.health("action-x").lastError()).contains("did not answer");
    }

    @Test
    void anExceptionIsCaughtAndCountedUnlessThePluginMeantIt() throws Exception {
        assertThatThrownBy(() -> guard.call("action-x", () -> {
            throw new IllegalStateException("boom");
        }, null)).isInstanceOf(PluginGuard.CallFailed.class).hasMessageContaining("boom");
        assertThat(guard.health("action-x").failures()).isEqualTo(1);
        assertThatThrownBy(() -> guard.call("action-x", () -> {
            throw new IllegalArgumentException("a refusal it explains");
        }, IllegalArgumentException.class::isInstance)).isInstanceOf(IllegalArgumentException.class);
        assertThat(guard.health("action-x").failures()).as("a meant exception is no malfunction").isEqualTo(1);
        assertThat(guard.health("action-x").state(now)).isEqualTo("ok");
    }

    @Test
    void fiveFailuresInARowPauseThePluginUntilTheCoolDownThenOneCallIsTried() throws Exception {
        for (int i = 0; i < PluginGuard.TRIP_AFTER; i++) {
            assertThatThrownBy(() -> guard.call("action-x", () -> {
                throw new IllegalStateException("down");
            }, null)).isInstanceOf(PluginGuard.CallFailed.class);
        }
        assertThat(guard.health("action-x").state(now)).isEqualTo("paused");
        int[] ran = {0};
        assertThatThrownBy(() -> guard.call("action-x", () -> ++ran[0], null)).hasMessageContaining("paused");
        assertThat(ran[0]).as("refused at once, without calling the plugin").isZero();
        assertThat(guard.health("other-plugin").state(now)).as("other plugins are not affected").isEqualTo("ok");

        now = now.plus(Duration.ofMinutes(2));
        assertThat(guard.call("action-x", () -> ++ran[0], null)).isEqualTo(1);
        assertThat(guard.health("action-x").state(now)).as("it works again").isEqualTo("ok");
    }
}
