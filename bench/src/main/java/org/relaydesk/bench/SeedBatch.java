package org.relaydesk.bench;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Rows for several tables gathered before one load. Values are UUID, String, Integer, Long,
 * Instant or null, in the column order of their {@link Table}; iteration follows foreign-key order.
 */
final class SeedBatch {
    private final Map<Table, List<Object[]>> rows = new EnumMap<>(Table.class);
    private int tickets;

    void add(Table table, Object... values) {
        if (values.length != table.columnCount()) {
            throw new IllegalArgumentException(table + " takes " + table.columnCount() + " values, got " + values.length);
        }
        rows.computeIfAbsent(table, t -> new ArrayList<>()).add(values);
        if (table == Table.TICKETS) {
            tickets++;
        }
    }

    Map<Table, List<Object[]>> byTable() {
        return rows;
    }

    int tickets() {
        return tickets;
    }

    long rowCount() {
        return rows.values().stream().mapToLong(List::size).sum();
    }

    boolean isEmpty() {
        return rows.isEmpty();
    }

    void clear() {
        rows.clear();
        tickets = 0;
    }
}
