package org.relaydesk.api.inbound;

import org.relaydesk.api.channel.InboundMessage;

/**
 * Looks at every inbound message after it was read and before it is threaded and filed: it may let
 * it through as it is, change it (clean a subject, add ticket field values), or drop it with a
 * reason (spam, a newsletter). Filters of all enabled plugins run in {@link #order()}, lowest first;
 * each sees what the one before it let through. A filter that fails or runs over its time lets the
 * message through unchanged: a broken filter never loses mail. List implementations in
 * META-INF/services/org.relaydesk.api.inbound.InboundFilter. Since 1.1.
 */
public interface InboundFilter {
    /** Stable and unique within the plugin: it names the filter in the messages it drops. */
    String id();

    /** Lower runs first; the default is 100. */
    default int order() {
        return 100;
    }

    FilterResult filter(InboundMessage message, MessageSource source);
}
