package org.relaydesk.core.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AuditChainTest {
    private static final byte[] KEY = "an installation's derived key....".getBytes(StandardCharsets.US_ASCII);
    private static final Instant AT = Instant.parse("2026-12-07T10:15:30.123456Z");

    private static AuditChain.Entry entry(long seq, String actor, String after, String prev) {
        return new AuditChain.Entry(seq, "6f1c3f0e-0000-4000-8000-000000000001", AT, null, actor, "203.0.113.9", "user.role_changed", "user", "u-1",
                "ann@example.com", "role: agent", after, prev);
    }

    @Test
    void theSameEntryHashesTheSameAndEveryFieldCounts() {
        String hash = AuditChain.hash(entry(1, "admin@example.com", "role: admin", AuditChain.GENESIS), KEY);
        assertThat(hash).hasSize(64).isEqualTo(AuditChain.hash(entry(1, "admin@example.com", "role: admin", AuditChain.GENESIS), KEY));
        assertThat(AuditChain.hash(entry(2, "admin@example.com", "role: admin", AuditChain.GENESIS), KEY)).isNotEqualTo(hash);
        assertThat(AuditChain.hash(entry(1, "mallory@example.com", "role: admin", AuditChain.GENESIS), KEY)).isNotEqualTo(hash);
        assertThat(AuditChain.hash(entry(1, "admin@example.com", "role: supervisor", AuditChain.GENESIS), KEY)).isNotEqualTo(hash);
        assertThat(AuditChain.hash(entry(1, "admin@example.com", "role: admin", "1".repeat(64)), KEY)).as("the previous entry counts").isNotEqualTo(hash);
        assertThat(AuditChain.hash(entry(1, "admin@example.com", "role: admin", AuditChain.GENESIS), "another key.....................".getBytes(
                StandardCharsets.US_ASCII))).as("nobody without the installation's key computes it").isNotEqualTo(hash);
    }

    @Test
    void fieldsCannotBeShiftedIntoTheirNeighboursNorAnEmptyValueTakenForNone() {
        AuditChain.Entry a = new AuditChain.Entry(1, "w", AT, null, "ab", null, "x", null, null, null, "c", null, AuditChain.GENESIS);
        AuditChain.Entry b = new AuditChain.Entry(1, "w", AT, null, "a", null, "x", null, null, null, "bc", null, AuditChain.GENESIS);
        AuditChain.Entry empty = new AuditChain.Entry(1, "w", AT, null, "ab", "", "x", null, null, null, "c", null, AuditChain.GENESIS);
        assertThat(AuditChain.hash(a, KEY)).isNotEqualTo(AuditChain.hash(b, KEY)).isNotEqualTo(AuditChain.hash(empty, KEY));
    }

    @Test
    void microsecondsCountButNothingFinerThanTheDatabaseKeeps() {
        AuditChain.Entry stored = new AuditChain.Entry(1, "w", AT, null, "a", null, "x", null, null, null, null, null, AuditChain.GENESIS);
        AuditChain.Entry nanos = new AuditChain.Entry(1, "w", AT.plusNanos(999), null, "a", null, "x", null, null, null, null, null, AuditChain.GENESIS);
        AuditChain.Entry micro = new AuditChain.Entry(1, "w", AT.plusNanos(1000), null, "a", null, "x", null, null, null, null, null, AuditChain.GENESIS);
        assertThat(AuditChain.hash(nanos, KEY)).isEqualTo(AuditChain.hash(stored, KEY));
        assertThat(AuditChain.hash(micro, KEY)).isNotEqualTo(AuditChain.hash(stored, KEY));
    }
}
