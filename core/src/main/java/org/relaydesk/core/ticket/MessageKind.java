package org.relaydesk.core.ticket;

/** A public reply the customer sees, an internal note only staff see, or a system event. */
public enum MessageKind {
    REPLY, NOTE, EVENT
}
