package org.relaydesk.core.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class BackoffTest {
    private static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");

    @Test
    void eachFailureWaitsLongerAndAfterAboutADayTheEntryIsDead() {
        OutboxEntry entry = new OutboxEntry("channel.reply", "{}");
        entry.failed("server away", NOW, false);
        assertThat(entry.status()).isEqualTo("pending");
        assertThat(entry.nextAttemptAt()).isEqualTo(NOW.plusSeconds(30));
        entry.failed("server away", NOW, false);
        assertThat(entry.nextAttemptAt()).isEqualTo(NOW.plus(Duration.ofMinutes(2)));
        for (int i = 2; i < Backoff.PAUSES.size(); i++) {
            entry.failed("server away", NOW, false);
        }
        assertThat(entry.status()).isEqualTo("pending");
        assertThat(entry.nextAttemptAt()).isEqualTo(NOW.plus(Duration.ofHours(12)));
        assertThat(Backoff.PAUSES.stream().reduce(Duration.ZERO, Duration::plus)).isBetween(Duration.ofHours(20), Duration.ofHours(30));
        entry.failed("server away", NOW, false);
        assertThat(entry.status()).isEqualTo("dead");
        assertThat(entry.attempts()).isEqualTo(Backoff.PAUSES.size() + 1);
        assertThat(entry.lastError()).isEqualTo("server away");

        entry.replay(NOW);
        assertThat(entry.status()).isEqualTo("pending");
        assertThat(entry.attempts()).isZero();
        assertThat(entry.nextAttemptAt()).isEqualTo(NOW);
    }

    @Test
    void aFailureThatRetryingCannotHelpIsDeadAtOnce() {
        OutboxEntry entry = new OutboxEntry("channel.reply", "{}");
        entry.failed("the ticket was deleted", NOW, true);
        assertThat(entry.status()).isEqualTo("dead");
    }
}
