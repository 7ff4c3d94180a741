package org.relaydesk.core.persistence;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/** What native queries answer, read the same way everywhere: rows as column arrays, timestamps as instants. */
public final class NativeRows {
    private NativeRows() {
    }

    /** A native query's rows as column arrays (a one-column query answers bare values). */
    public static List<Object[]> of(List<?> result) {
        List<Object[]> rows = new ArrayList<>();
        for (Object row : result) {
            rows.add(row instanceof Object[] columns ? columns : new Object[] {row});
        }
        return rows;
    }

    /** A timestamp column as an instant (the driver answers Timestamp or OffsetDateTime); null stays null. */
    public static Instant instant(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof java.sql.Timestamp t) {
            return t.toInstant();
        }
        if (value instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        if (value instanceof Instant i) {
            return i;
        }
        return Instant.parse(value.toString());
    }

    /** The same as ISO 8601 text, or null. */
    public static String iso(Object value) {
        Instant instant = instant(value);
        return instant == null ? null : instant.toString();
    }
}
