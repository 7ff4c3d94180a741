package org.relaydesk.core.kb;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** A draft is seen by staff only, whatever its visibility; a published article by its audience. */
public enum ArticleStatus {
    DRAFT, PUBLISHED;

    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<ArticleStatus> fromApiName(String value) {
        return value == null ? Optional.empty()
                : Arrays.stream(values()).filter(v -> v.apiName().equals(value.trim().toLowerCase(Locale.ROOT))).findFirst();
    }
}
