package org.relaydesk.core.ticket;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TicketAccessTokenTest {
    private final Instant minted = Instant.parse("2026-03-01T09:00:00Z");

    private static Clock at(Instant instant) {
        return Clock.fixed(instant, ZoneOffset.UTC);
    }

    @Test
    void aLinkOpensItsTicketForThirtyDaysThenNoMore() {
        TicketAccessToken token = new TicketAccessToken(UUID.randomUUID(), "hash", at(minted).instant());
        assertThat(token.opensAt(Clock.offset(at(minted), Duration.ofDays(29)).instant())).isTrue();
        assertThat(token.opensAt(Clock.offset(at(minted), Duration.ofDays(30).minusSeconds(1)).instant())).isTrue();
        assertThat(token.opensAt(Clock.offset(at(minted), Duration.ofDays(30)).instant())).isFalse();
        assertThat(token.opensAt(Clock.offset(at(minted), Duration.ofDays(400)).instant())).isFalse();
    }

    @Test
    void eachPublicReplyGivesALiveLinkAnotherThirtyDays() {
        TicketAccessToken token = new TicketAccessToken(UUID.randomUUID(), "hash", minted);
        Clock reply = Clock.offset(at(minted), Duration.ofDays(20));
        token.renewOnReply(reply.instant());
        assertThat(token.expiresAt()).isEqualTo(minted.plus(Duration.ofDays(50)));
        assertThat(token.opensAt(Clock.offset(at(minted), Duration.ofDays(49)).instant())).isTrue();
        assertThat(token.opensAt(Clock.offset(at(minted), Duration.ofDays(50)).instant())).isFalse();

        token.renewOnReply(Clock.offset(at(minted), Duration.ofDays(5)).instant());
        assertThat(token.expiresAt()).as("an older reply never shortens it").isEqualTo(minted.plus(Duration.ofDays(50)));
    }

    @Test
    void aReplyAfterALinkExpiredDoesNotRevivePossiblyLeakedLinks() {
        TicketAccessToken token = new TicketAccessToken(UUID.randomUUID(), "hash", minted);
        Instant late = Clock.offset(at(minted), Duration.ofDays(31)).instant();
        token.renewOnReply(late);
        assertThat(token.opensAt(late)).isFalse();
        assertThat(token.expiresAt()).isEqualTo(minted.plus(TicketAccessToken.LIFETIME));
    }
}
