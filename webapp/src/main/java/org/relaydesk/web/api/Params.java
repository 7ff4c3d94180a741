package org.relaydesk.web.api;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.UUID;
import org.relaydesk.core.error.InvalidInputException;
import org.relaydesk.core.error.NotFoundException;
import org.relaydesk.core.persistence.Ids;

/** Parsing of path and query parameters with the API's error semantics. */
final class Params {
    private Params() {
    }

    /** An id in the path that is not even a UUID names nothing: 404, like an unknown id. */
    static UUID pathId(String value, String what) {
        return Ids.parse(value).orElseThrow(() -> new NotFoundException(what));
    }

    /** An id in the query or body that is not a UUID is malformed input: 400. */
    static UUID optionalId(String value, String field) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return Ids.parse(value).orElseThrow(() -> new InvalidInputException(field, "must be a UUID"));
    }

    static int intInRange(String value, String field, int fallback, int min, int max) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value.trim());
            if (parsed < min || parsed > max) {
                throw new InvalidInputException(field, "must be between " + min + " and " + max);
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new InvalidInputException(field, "must be a whole number");
        }
    }

    /** Accepts a date (2024-01-15, taken as the start of that day in UTC) or an ISO-8601 timestamp. */
    static Instant instant(String value, String field, boolean endOfDay) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String trimmed = value.trim();
        try {
            Instant parsed;
            if (trimmed.length() == 10) {
                LocalDate date = LocalDate.parse(trimmed);
                parsed = (endOfDay ? date.plusDays(1) : date).atStartOfDay().toInstant(ZoneOffset.UTC);
            } else {
                parsed = OffsetDateTime.parse(trimmed).toInstant();
            }
            // beyond what the database's timestamps hold (and any date a help desk means): a clear refusal, not a failed query
            if (parsed.isBefore(Instant.parse("1900-01-01T00:00:00Z")) || parsed.isAfter(Instant.parse("9999-12-31T00:00:00Z"))) {
                throw new InvalidInputException(field, "must be between the years 1900 and 9999");
            }
            return parsed;
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(field, "must be a date (YYYY-MM-DD) or an ISO-8601 timestamp");
        }
    }
}
