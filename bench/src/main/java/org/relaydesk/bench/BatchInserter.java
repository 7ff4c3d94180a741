package org.relaydesk.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Inserts a {@link SeedBatch} with plain JDBC: one prepared INSERT per table, rows added to its
 * batch and sent with executeBatch. The caller commits. This is the ceiling an application that
 * writes through JDBC can reach, which the API's ticket creation is compared with.
 */
final class BatchInserter implements AutoCloseable {
    private final Connection connection;
    private final Map<Table, PreparedStatement> statements = new EnumMap<>(Table.class);

    BatchInserter(Connection connection) {
        this.connection = connection;
    }

    void insert(SeedBatch batch) throws SQLException {
        for (Map.Entry<Table, List<Object[]>> entry : batch.byTable().entrySet()) {
            PreparedStatement statement = statementFor(entry.getKey());
            for (Object[] row : entry.getValue()) {
                bind(statement, row);
                statement.addBatch();
            }
            statement.executeBatch();
        }
    }

    private PreparedStatement statementFor(Table table) throws SQLException {
        PreparedStatement statement = statements.get(table);
        if (statement == null) {
            statement = connection.prepareStatement(table.insertSql());
            statements.put(table, statement);
        }
        return statement;
    }

    private static void bind(PreparedStatement statement, Object[] row) throws SQLException {
        for (int i = 0; i < row.length; i++) {
            int index = i + 1;
            Object value = row[i];
            if (value == null) {
                statement.setNull(index, Types.NULL);
            } else if (value instanceof String text) {
                statement.setString(index, text);
            } else if (value instanceof Integer number) {
                statement.setInt(index, number);
            } else if (value instanceof Long number) {
                statement.setLong(index, number);
            } else if (value instanceof UUID id) {
                statement.setObject(index, id);
            } else if (value instanceof Instant instant) {
                statement.setObject(index, OffsetDateTime.ofInstant(instant, ZoneOffset.UTC));
            } else {
                throw new IllegalArgumentException("cannot bind a " + value.getClass().getName());
            }
        }
    }

    @Override
    public void close() throws SQLException {
        SQLException failure = null;
        for (PreparedStatement statement : statements.values()) {
            try {
                statement.close();
            } catch (SQLException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
