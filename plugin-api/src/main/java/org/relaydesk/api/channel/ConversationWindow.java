package org.relaydesk.api.channel;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A rule of the channel's provider: a business may write freely only for {@code length} after the
 * customer's last message; after that only approved templates go out (WhatsApp's 24-hour customer
 * service window). {@code reason} names the rule for agents and API clients; {@code whenClosed}
 * says what they can do instead. Declared by {@link ChannelConnectorFactory#conversationWindow()}. Since 1.3.
 */
public record ConversationWindow(Duration length, String reason, String whenClosed) {
    public ConversationWindow {
        Objects.requireNonNull(length, "length");
        Objects.requireNonNull(reason, "reason");
        if (length.isNegative() || length.isZero()) {
            throw new IllegalArgumentException("a conversation window is longer than zero");
        }
    }

    /** Until when the window is open after the customer's last message at {@code lastCustomerMessage}; null (never wrote): closed. */
    public Instant openUntil(Instant lastCustomerMessage) {
        return lastCustomerMessage == null ? null : lastCustomerMessage.plus(length);
    }

    public boolean isOpen(Instant lastCustomerMessage, Instant now) {
        Instant until = openUntil(lastCustomerMessage);
        return until != null && now.isBefore(until);
    }
}
