package org.relaydesk.core.user;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The single-use, expiring token part that staff password links and portal customer links share. */
class SingleUseLinkTest {
    private static final Instant NOW = Instant.parse("2026-12-05T10:00:00Z");

    @Test
    void aMintedLinkKeepsOnlyTheTokensDigestAndLivesItsLifetime() throws Exception {
        SingleUseLink.Minted minted = SingleUseLink.mint("rdc_", NOW, Duration.ofMinutes(15));
        assertThat(minted.token()).startsWith("rdc_").hasSizeGreaterThan(24);
        var hash = SingleUseLink.class.getDeclaredField("tokenHash");
        hash.setAccessible(true);
        assertThat(hash.get(minted.link())).isEqualTo(Secrets.sha256(minted.token())).isNotEqualTo(minted.token());
        assertThat(minted.link().expiresAt()).isEqualTo(NOW.plus(Duration.ofMinutes(15)));
        assertThat(minted.link().usableAt(NOW.plus(Duration.ofMinutes(14)))).isTrue();
        assertThat(minted.link().usableAt(NOW.plus(Duration.ofMinutes(15)))).as("expired at its end").isFalse();
    }

    @Test
    void aLinkWorksOnceAndKeepsTheFirstUse() {
        SingleUseLink link = SingleUseLink.mint("", NOW, Duration.ofHours(1)).link();
        link.use(NOW.plusSeconds(5));
        assertThat(link.usableAt(NOW.plusSeconds(6))).isFalse();
        link.use(NOW.plusSeconds(60));
        assertThat(link.usedAt()).isEqualTo(NOW.plusSeconds(5));
    }

    @Test
    void everyTokenIsNew() {
        assertThat(SingleUseLink.mint("", NOW, Duration.ofHours(1)).token()).isNotEqualTo(SingleUseLink.mint("", NOW, Duration.ofHours(1)).token());
    }

    @Test
    void blankOrOversizedTokensFindNothingWithoutAQuery() {
        assertThat(SingleUseLink.find(null, "customer_links", Object.class, null)).isEmpty();
        assertThat(SingleUseLink.find(null, "customer_links", Object.class, "  ")).isEmpty();
        assertThat(SingleUseLink.find(null, "customer_links", Object.class, "x".repeat(201))).isEmpty();
    }
}
