package org.relaydesk.bench;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;

/**
 * Loads a {@link SeedBatch} with PostgreSQL's COPY in CSV format: the fastest way in short of
 * dropping indexes, which the benchmark must not do because the app's queries need them.
 */
final class CopyLoader {
    /** Rows are sent in pieces of about this many characters, so a batch is never held as one string. */
    private static final int FLUSH_CHARS = 256 * 1024;

    private final CopyManager copyManager;
    private final StringBuilder buffer = new StringBuilder(FLUSH_CHARS + 64 * 1024);

    CopyLoader(Connection connection) throws SQLException {
        this.copyManager = connection.unwrap(PGConnection.class).getCopyAPI();
    }

    void load(SeedBatch batch) throws SQLException {
        for (Map.Entry<Table, List<Object[]>> entry : batch.byTable().entrySet()) {
            copy(entry.getKey(), entry.getValue());
        }
    }

    private void copy(Table table, List<Object[]> rows) throws SQLException {
        CopyIn copy = copyManager.copyIn(table.copySql());
        try {
            buffer.setLength(0);
            for (Object[] row : rows) {
                appendRow(row);
                if (buffer.length() >= FLUSH_CHARS) {
                    flush(copy);
                }
            }
            flush(copy);
            copy.endCopy();
        } finally {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        }
    }

    private void flush(CopyIn copy) throws SQLException {
        byte[] bytes = buffer.toString().getBytes(StandardCharsets.UTF_8);
        copy.writeToCopy(bytes, 0, bytes.length);
        buffer.setLength(0);
    }

    private void appendRow(Object[] row) {
        for (int i = 0; i < row.length; i++) {
            if (i > 0) {
                buffer.append(',');
            }
            appendValue(row[i]);
        }
        buffer.append('\n');
    }

    /** In COPY's CSV format an unquoted empty field is NULL, so every text value is quoted. */
    private void appendValue(Object value) {
        if (value == null) {
            return;
        }
        if (value instanceof String text) {
            buffer.append('"');
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == '"') {
                    buffer.append('"');
                }
                buffer.append(c);
            }
            buffer.append('"');
        } else if (value instanceof UUID || value instanceof Number || value instanceof Instant) {
            // Instant prints as ISO 8601 in UTC (2024-05-01T10:15:30Z), which timestamptz accepts.
            buffer.append(value);
        } else {
            throw new IllegalArgumentException("cannot COPY a " + value.getClass().getName());
        }
    }
}
