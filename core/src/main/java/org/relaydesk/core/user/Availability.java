package org.relaydesk.core.user;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Whether an agent takes work now; automatic assignment will only pick agents who are online. */
public enum Availability {
    ONLINE("Online"), AWAY("Away"), OFFLINE("Offline");

    private final String label;

    Availability(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Availability> fromApiName(String value) {
        return Arrays.stream(values()).filter(a -> a.apiName().equals(value)).findFirst();
    }
}
