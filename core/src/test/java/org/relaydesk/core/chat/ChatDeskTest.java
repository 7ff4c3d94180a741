package org.relaydesk.core.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ChatDeskTest {
    private final UUID acme = UUID.randomUUID();
    private final UUID globex = UUID.randomUUID();
    private final UUID alice = UUID.randomUUID();

    @Test
    void anAgentIsAtTheDeskWhileTheInboxReportsInAndOnlyForTheirWorkspace() {
        ChatDesk desk = new ChatDesk();
        Instant start = Instant.parse("2026-12-06T12:00:00Z");
        desk.clock = Clock.fixed(start, ZoneOffset.UTC);
        assertThat(desk.present(acme)).isEmpty();
        desk.here(acme, alice);
        assertThat(desk.present(acme)).containsExactly(alice);
        assertThat(desk.present(globex)).isEmpty();

        desk.clock = Clock.fixed(start.plus(ChatDesk.GONE_AFTER).minusSeconds(1), ZoneOffset.UTC);
        assertThat(desk.present(acme)).as("reported 44 s ago").containsExactly(alice);
        desk.clock = Clock.fixed(start.plus(ChatDesk.GONE_AFTER).plusSeconds(1), ZoneOffset.UTC);
        assertThat(desk.present(acme)).as("a closed laptop says nothing").isEmpty();

        desk.here(acme, alice);
        desk.left(acme, alice);
        assertThat(desk.present(acme)).as("stopped taking chats").isEmpty();
    }
}
