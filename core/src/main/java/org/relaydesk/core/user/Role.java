package org.relaydesk.core.user;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Staff roles, each including what the one before it may do. */
public enum Role {
    AGENT, SUPERVISOR, ADMIN;

    public boolean atLeast(Role other) {
        return ordinal() >= other.ordinal();
    }

    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Role> fromApiName(String value) {
        if (value == null) {
            return Optional.empty();
        }
        return Arrays.stream(values()).filter(r -> r.name().equalsIgnoreCase(value.trim())).findFirst();
    }
}
