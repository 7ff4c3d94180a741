package org.relaydesk.core.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.relaydesk.core.error.TooManyRequestsException;

class LoginThrottleTest {
    private final LoginThrottle throttle = new LoginThrottle();

    private void fail(String account, String client, int times) {
        for (int i = 0; i < times; i++) {
            throttle.check(account, client);
        }
    }

    @Test
    void anOutsiderGuessingTheAdminsPasswordDoesNotKeepTheAdminOut() {
        fail("admin@x.test", "203.0.113.9", 5);
        assertThatThrownBy(() -> throttle.check("admin@x.test", "203.0.113.9")).isInstanceOf(TooManyRequestsException.class);
        assertThatCode(() -> throttle.check("admin@x.test", "198.51.100.7")).as("the admin, from their own address").doesNotThrowAnyException();
    }

    @Test
    void oneAddressSprayingManyAccountsIsStopped() {
        for (int i = 0; i < 30; i++) {
            fail("user" + i + "@x.test", "203.0.113.9", 1);
        }
        assertThatThrownBy(() -> throttle.check("someone-else@x.test", "203.0.113.9")).isInstanceOf(TooManyRequestsException.class);
        assertThatCode(() -> throttle.check("someone-else@x.test", "198.51.100.7")).doesNotThrowAnyException();
    }

    @Test
    void guessingFromManyAddressesShutsOutNewAddressesButNotTheOnesTheAccountUses() {
        throttle.succeeded("admin@x.test", "198.51.100.7");
        for (int i = 0; i < 50; i++) {
            fail("admin@x.test", "203.0.113." + i, 1);
        }
        assertThatThrownBy(() -> throttle.check("admin@x.test", "192.0.2.1")).as("a new address").isInstanceOf(TooManyRequestsException.class);
        assertThatCode(() -> throttle.check("admin@x.test", "198.51.100.7")).as("where the admin signed in before").doesNotThrowAnyException();
    }

    @Test
    void guessesSentTogetherAreCountedBeforeTheirPasswordsAreChecked() {
        for (int i = 0; i < 5; i++) {
            throttle.check("admin@x.test", "203.0.113.9"); // five attempts in flight, none answered yet
        }
        assertThatThrownBy(() -> throttle.check("admin@x.test", "203.0.113.9")).isInstanceOf(TooManyRequestsException.class);
    }

    @Test
    void guessesSentAtTheSameMomentPassNoMoreThanTheLimit() throws Exception {
        java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newFixedThreadPool(16);
        java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.atomic.AtomicInteger passed = new java.util.concurrent.atomic.AtomicInteger();
        java.util.List<java.util.concurrent.Future<?>> guesses = new java.util.ArrayList<>();
        for (int i = 0; i < 64; i++) {
            guesses.add(threads.submit(() -> {
                go.await();
                try {
                    throttle.check("admin@x.test", "203.0.113.9");
                    passed.incrementAndGet();
                } catch (TooManyRequestsException refused) {
                    // over the limit
                }
                return null;
            }));
        }
        go.countDown();
        for (var guess : guesses) {
            guess.get();
        }
        threads.shutdown();
        assertThat(passed.get()).isBetween(1, 5);
        assertThatCode(() -> throttle.check("admin@x.test", "198.51.100.7")).as("refused guesses did not use up the account's budget")
                .doesNotThrowAnyException();
    }

    @Test
    void aSuccessfulSignInClearsThatAddressesFailures() {
        fail("agent@x.test", "198.51.100.7", 4);
        throttle.succeeded("agent@x.test", "198.51.100.7");
        fail("agent@x.test", "198.51.100.7", 4);
        assertThatCode(() -> throttle.check("agent@x.test", "198.51.100.7")).doesNotThrowAnyException();
    }
}
