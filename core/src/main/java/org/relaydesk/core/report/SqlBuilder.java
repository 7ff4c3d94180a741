package org.relaydesk.core.report;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** A statement written piece by piece with its values beside it, so that no value is ever spliced into the text. */
final class SqlBuilder {
    private final StringBuilder text = new StringBuilder();
    private final List<Object> values = new ArrayList<>();

    SqlBuilder add(String part) {
        text.append(part);
        return this;
    }

    /** A value, bound (never spliced into the text); instants go as timestamptz. */
    SqlBuilder param(Object value) {
        text.append('?');
        values.add(value instanceof Instant instant ? instant.atOffset(ZoneOffset.UTC) : value);
        return this;
    }

    PreparedStatement prepare(Connection connection) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(text.toString());
        for (int i = 0; i < values.size(); i++) {
            statement.setObject(i + 1, values.get(i));
        }
        return statement;
    }

    @Override
    public String toString() {
        return text.toString();
    }
}
