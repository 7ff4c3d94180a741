package org.relaydesk.testkit;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.relaydesk.api.channel.InboundSink;
import org.relaydesk.api.channel.RawMessage;

/** An inbound sink that keeps what it was handed, and drops a second message with the same external id, as the host does. */
public final class RecordingSink implements InboundSink {
    private final List<RawMessage> accepted = new ArrayList<>();
    private final Set<String> ids = new HashSet<>();
    private int offered;

    @Override
    public synchronized boolean accept(RawMessage message) {
        offered++;
        if (!ids.add(message.externalId())) {
            return false;
        }
        accepted.add(message);
        return true;
    }

    /** The messages kept, in the order they came. */
    public synchronized List<RawMessage> accepted() {
        return List.copyOf(accepted);
    }

    /** How many messages were handed over, copies included. */
    public synchronized int offered() {
        return offered;
    }
}
