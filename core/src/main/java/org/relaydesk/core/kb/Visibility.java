package org.relaydesk.core.kb;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Who may read an article: anyone, signed-in customers (and staff), or staff only. */
public enum Visibility {
    PUBLIC, CUSTOMERS, INTERNAL;

    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Visibility> fromApiName(String value) {
        return value == null ? Optional.empty()
                : Arrays.stream(values()).filter(v -> v.apiName().equals(value.trim().toLowerCase(Locale.ROOT))).findFirst();
    }
}
