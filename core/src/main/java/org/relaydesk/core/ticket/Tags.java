package org.relaydesk.core.ticket;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.relaydesk.core.error.InvalidInputException;

/** Tags are short lowercase words so that "Billing" and "billing " are one tag. */
public final class Tags {
    private static final Pattern TAG = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N}_.:-]{0,63}");

    private Tags() {
    }

    public static Set<String> normalize(Set<String> raw) {
        Set<String> tags = new LinkedHashSet<>();
        if (raw == null) {
            return tags;
        }
        for (String tag : raw) {
            String normalized = tag == null ? "" : tag.trim().toLowerCase(Locale.ROOT).replace(' ', '-');
            if (!TAG.matcher(normalized).matches()) {
                throw new InvalidInputException("tags", "'" + tag + "' is not a valid tag (letters, digits, - _ . : ; at most 64)");
            }
            tags.add(normalized);
        }
        if (tags.size() > 50) {
            throw new InvalidInputException("tags", "at most 50 tags per ticket");
        }
        return tags;
    }
}
