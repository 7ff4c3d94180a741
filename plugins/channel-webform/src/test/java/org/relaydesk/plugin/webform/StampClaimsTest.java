package org.relaydesk.plugin.webform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import org.junit.jupiter.api.Test;
import org.relaydesk.api.host.KeyValueStore;

class StampClaimsTest {
    private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private final Instant now = Instant.parse("2026-12-04T12:00:00Z");
    private final ConcurrentSkipListMap<String, String> values = new ConcurrentSkipListMap<>();
    private final KeyValueStore store = new KeyValueStore() {
        public Optional<String> get(String key) {
            return Optional.ofNullable(values.get(key));
        }

        public void put(String key, String value) {
            values.put(key, value);
        }

        public void remove(String key) {
            values.remove(key);
        }

        public Map<String, String> list(String prefix) {
            return values.subMap(prefix, prefix + Character.MAX_VALUE);
        }

        public boolean replace(String key, String expected, String value) {
            return expected == null ? values.putIfAbsent(key, value) == null : values.replace(key, expected, value);
        }
    };

    @Test
    void aStampIsClaimedOnceAndAReleasedOneOnceMore() {
        StampClaims claims = new StampClaims(() -> store);
        String stamp = Stamp.issue(KEY, now.minusSeconds(10));
        assertThat(claims.claim(stamp, now)).isTrue();
        assertThat(new StampClaims(() -> store).claim(stamp, now)).as("another node").isFalse();
        claims.release(stamp);
        assertThat(claims.claim(stamp, now)).isTrue();
        assertThat(StampClaims.key(stamp)).hasSizeLessThanOrEqualTo(200).startsWith("stamp:" + String.format("%013d", now.minusSeconds(10).toEpochMilli()));
    }

    @Test
    void claimsOfExpiredStampsAreSweptAndCurrentOnesKept() {
        StampClaims claims = new StampClaims(() -> store);
        String expired = Stamp.issue(KEY, now.minus(Stamp.LONGEST).minusSeconds(60));
        String current = Stamp.issue(KEY, now.minusSeconds(60));
        assertThat(claims.claim(expired, now.minus(Stamp.LONGEST))).isTrue();
        assertThat(claims.claim(current, now)).isTrue();
        for (int i = 2; i < StampClaims.SWEEP_EVERY; i++) {
            claims.claim(Stamp.issue(KEY, now.minusSeconds(5)), now);
        }
        assertThat(values).doesNotContainKey(StampClaims.key(expired)).containsKey(StampClaims.key(current)).hasSize(StampClaims.SWEEP_EVERY - 1);
        assertThat(claims.claim(current, now)).as("still taken").isFalse();
    }
}
