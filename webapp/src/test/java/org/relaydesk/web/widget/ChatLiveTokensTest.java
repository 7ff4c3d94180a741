package org.relaydesk.web.widget;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ChatLiveTokensTest {
    private final UUID chat = UUID.randomUUID();
    private final UUID ticket = UUID.randomUUID();

    @Test
    void aPassOpensItsOwnChatForAnHourAndNoOther() {
        ChatLiveTokens tokens = new ChatLiveTokens();
        Instant now = Instant.parse("2026-12-06T12:00:00Z");
        tokens.clock = Clock.fixed(now, ZoneOffset.UTC);
        String pass = tokens.issue(chat, ticket);
        assertThat(tokens.verify(pass)).contains(new ChatLiveTokens.Subscription(chat, ticket));

        tokens.clock = Clock.fixed(now.plus(ChatLiveTokens.LIFETIME).plus(Duration.ofSeconds(1)), ZoneOffset.UTC);
        assertThat(tokens.verify(pass)).as("expired").isEmpty();
    }

    @Test
    void aChangedOrForeignPassIsRefused() {
        ChatLiveTokens tokens = new ChatLiveTokens();
        String pass = tokens.issue(chat, ticket);
        String other = UUID.randomUUID().toString();
        assertThat(tokens.verify(pass.replace(chat.toString(), other))).as("another chat, same signature").isEmpty();
        assertThat(tokens.verify(new ChatLiveTokens().issue(chat, ticket))).as("signed by another server's key").isEmpty();
        for (String junk : new String[] {null, "", ".", "a.b.c.d", pass + "x", "x".repeat(500), chat + "." + ticket + ".99999999999.sig"}) {
            assertThat(tokens.verify(junk)).as(String.valueOf(junk)).isEmpty();
        }
    }
}
