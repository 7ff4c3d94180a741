package org.relaydesk.core.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
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

    private void trip(PluginGuard on, PluginGuard.Scope scope) {
        for (int i = 0; i < PluginGuard.TRIP_AFTER; i++) {
            assertThatThrownBy(() -> on.call(scope, () -> {
                throw new IllegalStateException("down");
            }, null, Duration.ofSeconds(5))).isInstanceOf(PluginGuard.CallFailed.class);
        }
    }

    @Test
    void afterTheCoolDownOnlyTheConfiguredNumberOfTrialCallsGetThrough() throws Exception {
        PluginGuard twoTrials = new PluginGuard(Duration.ofSeconds(30), Duration.ofMinutes(1), 2, clock);
        PluginGuard.Scope scope = PluginGuard.Scope.plugin("action-x");
        trip(twoTrials, scope);
        now = now.plus(Duration.ofMinutes(2));

        CountDownLatch inPlugin = new CountDownLatch(2);
        CountDownLatch release = new CountDownLatch(1);
        java.util.concurrent.atomic.AtomicInteger ran = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.ExecutorService callers = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            List<java.util.concurrent.Future<String>> trials = new java.util.ArrayList<>();
            for (int i = 0; i < 2; i++) {
                trials.add(callers.submit(() -> twoTrials.call(scope, () -> {
                    ran.incrementAndGet();
                    inPlugin.countDown();
                    release.await();
                    return "fine";
                }, null, Duration.ofSeconds(30))));
            }
            assertThat(inPlugin.await(10, java.util.concurrent.TimeUnit.SECONDS)).as("both trial calls reach the plugin").isTrue();
            assertThatThrownBy(() -> twoTrials.call(scope, () -> ran.incrementAndGet(), null, Duration.ofSeconds(30)))
                    .isInstanceOf(PluginGuard.CallFailed.class).hasMessageContaining("paused");
            assertThat(ran.get()).as("a third caller is refused while the two trials run").isEqualTo(2);

            release.countDown();
            for (var trial : trials) {
                assertThat(trial.get(10, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo("fine");
            }
        } finally {
            release.countDown();
            callers.shutdownNow();
        }
        assertThat(twoTrials.call(scope, () -> "closed again", null, Duration.ofSeconds(5))).isEqualTo("closed again");
        assertThat(twoTrials.health("action-x").state(now)).isEqualTo("ok");
    }

    @Test
    void aFailedTrialPausesAgainForAnotherCoolDown() throws Exception {
        PluginGuard.Scope scope = PluginGuard.Scope.plugin("action-x");
        trip(guard, scope);
        now = now.plus(Duration.ofMinutes(2));
        assertThatThrownBy(() -> guard.call("action-x", () -> {
            throw new IllegalStateException("still down");
        }, null)).isInstanceOf(PluginGuard.CallFailed.class).hasMessageContaining("still down");
        assertThat(guard.health("action-x").state(now)).isEqualTo("paused");
        assertThat(guard.health("action-x").pausedUntil()).isEqualTo(now.plus(Duration.ofMinutes(1)));
        assertThatThrownBy(() -> guard.call("action-x", () -> "x", null)).hasMessageContaining("paused");
    }

    @Test
    void oneAccountsFailuresPauseThatAccountOnlyNotThePluginsOtherAccounts() throws Exception {
        java.util.UUID badMailbox = java.util.UUID.randomUUID();
        java.util.UUID otherWorkspacesMailbox = java.util.UUID.randomUUID();
        trip(guard, PluginGuard.Scope.account("channel-email", badMailbox));

        assertThatThrownBy(() -> guard.call(PluginGuard.Scope.account("channel-email", badMailbox), () -> "x", null, Duration.ofSeconds(5)))
                .hasMessageContaining("paused");
        assertThat(guard.call(PluginGuard.Scope.account("channel-email", otherWorkspacesMailbox), () -> "polled", null, Duration.ofSeconds(5)))
                .as("another account of the same plugin keeps working").isEqualTo("polled");
        assertThat(guard.call("channel-email", () -> "parsed", null)).as("and so do the plugin's own calls").isEqualTo("parsed");

        PluginGuard.Health health = guard.health("channel-email");
        assertThat(health.state(now)).as("the plugin shows it is degraded, not paused").isEqualTo("failing");
        assertThat(health.pausedAccounts(now)).containsExactly(badMailbox);
        assertThat(health.failures()).isEqualTo(PluginGuard.TRIP_AFTER);
        assertThat(health.lastError()).contains(badMailbox.toString(), "down");
    }

    @Test
    void aScopeWhoseCallsHangCannotTakeMoreThanItsShareOfThreads() throws Exception {
        PluginGuard slow = new PluginGuard(Duration.ofSeconds(30), Duration.ofMinutes(1), clock);
        PluginGuard.Scope scope = PluginGuard.Scope.plugin("action-hang");
        CountDownLatch inPlugin = new CountDownLatch(PluginGuard.MAX_CONCURRENT_CALLS);
        CountDownLatch release = new CountDownLatch(1);
        java.util.concurrent.ExecutorService callers = java.util.concurrent.Executors.newFixedThreadPool(PluginGuard.MAX_CONCURRENT_CALLS);
        try {
            for (int i = 0; i < PluginGuard.MAX_CONCURRENT_CALLS; i++) {
                callers.submit(() -> slow.call(scope, () -> {
                    inPlugin.countDown();
                    release.await();
                    return null;
                }, null, Duration.ofSeconds(30)));
            }
            assertThat(inPlugin.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            assertThatThrownBy(() -> slow.call(scope, () -> "more", null, Duration.ofSeconds(30)))
                    .isInstanceOf(PluginGuard.CallFailed.class).hasMessageContaining("calls under way");
            assertThat(slow.call("another-plugin", () -> "served", null)).as("other plugins are not starved").isEqualTo("served");
        } finally {
            release.countDown();
            callers.shutdown();
        }
    }

    @Test
    void anAccountsWebRequestsHaveTheirOwnPlacesSoBusyFilingNeverRefusesAWebhook() throws Exception {
        PluginGuard guard = new PluginGuard(Duration.ofSeconds(30), Duration.ofMinutes(1), 1, 20, clock);
        UUID number = UUID.randomUUID();
        PluginGuard.Scope filing = PluginGuard.Scope.account("whatsapp", number);
        PluginGuard.Scope webhooks = PluginGuard.Scope.webRequests("whatsapp", number);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch filingBusy = new CountDownLatch(PluginGuard.MAX_CONCURRENT_CALLS);
        CountDownLatch webhooksBusy = new CountDownLatch(20);
        java.util.concurrent.ExecutorService callers = java.util.concurrent.Executors.newCachedThreadPool();
        try {
            for (int i = 0; i < PluginGuard.MAX_CONCURRENT_CALLS; i++) {
                callers.submit(() -> guard.call(filing, () -> {
                    filingBusy.countDown();
                    release.await();
                    return null;
                }, null, Duration.ofSeconds(30)));
            }
            assertThat(filingBusy.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            assertThatThrownBy(() -> guard.call(filing, () -> "more", null, Duration.ofSeconds(30))).hasMessageContaining("16 calls under way");
            for (int i = 0; i < 20; i++) {
                callers.submit(() -> guard.call(webhooks, () -> {
                    webhooksBusy.countDown();
                    release.await();
                    return null;
                }, null, Duration.ofSeconds(30)));
            }
            assertThat(webhooksBusy.await(10, java.util.concurrent.TimeUnit.SECONDS)).as("20 webhooks answered at once while filing is full").isTrue();
            assertThatThrownBy(() -> guard.call(webhooks, () -> "more", null, Duration.ofSeconds(30)))
                    .hasMessageContaining("web requests").hasMessageContaining("20 calls under way");
        } finally {
            release.countDown();
            callers.shutdown();
        }
        assertThatThrownBy(() -> new PluginGuard(Duration.ofSeconds(1), Duration.ofMinutes(1), 1, 0, clock)).isInstanceOf(IllegalArgumentException.class);
    }
}
