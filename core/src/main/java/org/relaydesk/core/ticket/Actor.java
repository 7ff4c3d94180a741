package org.relaydesk.core.ticket;

import java.util.UUID;
import org.relaydesk.core.user.User;

/** Who caused a change: a staff user, a customer, or the system. */
public record Actor(String type, UUID id, String name) {
    public static final Actor SYSTEM = new Actor("system", null, "System");
    /** A channel account's automatic replies (acknowledgements, away messages). */
    public static final Actor AUTO_REPLY = new Actor("system", null, "Auto-reply");

    public static Actor of(User user) {
        return new Actor("agent", user.id(), user.name());
    }

    public static Actor of(org.relaydesk.core.user.AuthenticatedUser user) {
        return new Actor("agent", user.id(), user.name());
    }

    public static Actor customer(UUID contactId, String name) {
        return new Actor("customer", contactId, name);
    }
}
