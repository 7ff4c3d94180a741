package org.relaydesk.core.channel;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.relaydesk.api.channel.ConversationWindow;

/** The window agents see on a ticket: open until the customer's last message plus its length, closed after, none without one. */
class ConversationWindowStateTest {
    private static final ConversationWindow DAY = new ConversationWindow(Duration.ofHours(24), "the 24-hour customer service window", "send a template");
    private static final Instant LAST = Instant.parse("2026-11-02T10:00:00Z");

    @Test
    void openForTheWindowsLengthAfterTheCustomersLastMessage() {
        ReplyRoutes.WindowState open = ReplyRoutes.window(Optional.of(DAY), LAST, LAST.plus(Duration.ofHours(23)));
        assertThat(open.state()).isEqualTo("open");
        assertThat(open.openUntil()).isEqualTo(Instant.parse("2026-11-03T10:00:00Z"));
        ReplyRoutes.WindowState closed = ReplyRoutes.window(Optional.of(DAY), LAST, LAST.plus(Duration.ofHours(24)));
        assertThat(closed.closed()).isTrue();
        assertThat(closed.reason()).isEqualTo("the 24-hour customer service window");
    }

    @Test
    void aCustomerWhoNeverWroteHasAClosedWindowAndAChannelWithoutOneHasNone() {
        assertThat(ReplyRoutes.window(Optional.of(DAY), null, LAST).state()).isEqualTo("closed");
        assertThat(ReplyRoutes.window(Optional.of(DAY), null, LAST).openUntil()).isNull();
        assertThat(ReplyRoutes.window(Optional.empty(), LAST, LAST).state()).isEqualTo("none");
    }
}
