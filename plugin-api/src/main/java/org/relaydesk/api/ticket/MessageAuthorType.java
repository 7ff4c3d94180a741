package org.relaydesk.api.ticket;

import java.util.Locale;

/** Who wrote a message: staff, the customer, the system itself, or a bot. */
public enum MessageAuthorType {
    AGENT, CUSTOMER, SYSTEM, BOT;

    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
