package org.relaydesk.api.inbound;

import java.util.Objects;
import org.relaydesk.api.channel.InboundMessage;

/** What a filter decided: go on with this message (perhaps changed), or drop it, saying why. Since 1.1. */
public final class FilterResult {
    private final InboundMessage message;
    private final String dropReason;

    private FilterResult(InboundMessage message, String dropReason) {
        this.message = message;
        this.dropReason = dropReason;
    }

    public static FilterResult keep(InboundMessage message) {
        return new FilterResult(Objects.requireNonNull(message, "message"), null);
    }

    public static FilterResult drop(String reason) {
        return new FilterResult(null, Objects.requireNonNull(reason, "reason"));
    }

    public boolean dropped() {
        return dropReason != null;
    }

    /** The message to go on with; null when dropped. */
    public InboundMessage message() {
        return message;
    }

    /** Why it was dropped; null when kept. */
    public String dropReason() {
        return dropReason;
    }
}
