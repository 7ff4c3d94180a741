package org.relaydesk.api.event;

/**
 * Told of every change to a ticket once it is committed: to copy tickets into another system,
 * count, alert. Called on a plugin thread after the change, never inside it: a slow or failing
 * listener delays and breaks nothing, and what it does cannot undo the change. Events of one node
 * arrive in order; there is no retry. List implementations in
 * META-INF/services/org.relaydesk.api.event.TicketEventListener. Since 1.1.
 */
public interface TicketEventListener {
    void onTicketEvent(TicketEvent event);
}
