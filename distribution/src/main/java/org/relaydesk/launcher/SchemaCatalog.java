package org.relaydesk.launcher;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** What backup and restore need to know of the schema's tables, read from PostgreSQL's catalog. */
final class SchemaCatalog {
    /** Liquibase's own bookkeeping: a restore rebuilds it by migrating, never by copying. */
    static final Set<String> MIGRATION_TABLES = Set.of("databasechangelog", "databasechangeloglock");

    private SchemaCatalog() {
    }

    /** A table's stored columns (generated ones are computed again on load) and its primary key's. */
    record Table(String name, List<String> columns, List<String> primaryKey) {
        String columnList() {
            return String.join(", ", columns.stream().map(SchemaCatalog::quote).toList());
        }
    }

    /** The application's tables in the session's schema (public, unless the role or URL says otherwise). */
    static List<Table> tables(Connection connection) throws SQLException {
        Map<String, List<String>> columns = new LinkedHashMap<>();
        try (PreparedStatement query = connection.prepareStatement("""
                SELECT c.relname, a.attname FROM pg_class c
                JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = current_schema()
                JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
                WHERE c.relkind = 'r' ORDER BY c.relname, a.attnum""");
                ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                if (!MIGRATION_TABLES.contains(rows.getString(1))) {
                    columns.computeIfAbsent(rows.getString(1), t -> new ArrayList<>()).add(rows.getString(2));
                }
            }
        }
        Map<String, List<String>> keys = new HashMap<>();
        try (PreparedStatement query = connection.prepareStatement("""
                SELECT c.relname, a.attname FROM pg_constraint k
                JOIN pg_class c ON c.oid = k.conrelid
                JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = current_schema()
                JOIN LATERAL unnest(k.conkey) WITH ORDINALITY AS key(attnum, position) ON true
                JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = key.attnum
                WHERE k.contype = 'p' ORDER BY c.relname, key.position""");
                ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                keys.computeIfAbsent(rows.getString(1), t -> new ArrayList<>()).add(rows.getString(2));
            }
        }
        List<Table> tables = new ArrayList<>();
        columns.forEach((name, list) -> tables.add(new Table(name, List.copyOf(list), List.copyOf(keys.getOrDefault(name, List.of())))));
        return tables;
    }

    /**
     * The tables in an order where every table comes after those its foreign keys point to, so that
     * rows can be loaded with every constraint checked. A table pointing to itself is loaded in one
     * statement, whose checks run at its end. A cycle between tables is refused: it would need the
     * constraints switched off, which a restore does not do.
     */
    static List<Table> loadOrder(Connection connection, List<Table> tables) throws SQLException {
        Map<String, Set<String>> dependsOn = new HashMap<>();
        try (PreparedStatement query = connection.prepareStatement("""
                SELECT c.relname, r.relname FROM pg_constraint k
                JOIN pg_class c ON c.oid = k.conrelid JOIN pg_class r ON r.oid = k.confrelid
                JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = current_schema()
                WHERE k.contype = 'f'""");
                ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                if (!rows.getString(1).equals(rows.getString(2))) {
                    dependsOn.computeIfAbsent(rows.getString(1), t -> new HashSet<>()).add(rows.getString(2));
                }
            }
        }
        List<Table> ordered = new ArrayList<>();
        Set<String> placed = new HashSet<>();
        List<Table> left = new ArrayList<>(tables);
        while (!left.isEmpty()) {
            boolean progress = false;
            for (var it = left.iterator(); it.hasNext();) {
                Table table = it.next();
                if (placed.containsAll(dependsOn.getOrDefault(table.name(), Set.of()))) {
                    ordered.add(table);
                    placed.add(table.name());
                    it.remove();
                    progress = true;
                }
            }
            if (!progress) {
                throw new IllegalStateException("These tables' foreign keys form a cycle, which restore cannot load in order: "
                        + left.stream().map(Table::name).toList());
            }
        }
        return ordered;
    }

    /**
     * A sequence and where it stands. The schema's own come with the migrations; others the server
     * makes as it runs (each workspace's ticket numbers), so a restore makes them from this.
     */
    record Sequence(String name, String type, long start, long min, long max, long increment, long cache, boolean cycle,
            long lastValue, boolean called) {
        String tsv() {
            return String.join("\t", name, Long.toString(lastValue), Boolean.toString(called), type, Long.toString(start), Long.toString(min),
                    Long.toString(max), Long.toString(increment), Long.toString(cache), Boolean.toString(cycle));
        }

        static Sequence parse(String line) {
            String[] f = line.split("\t");
            if (f.length != 10 || !f[0].matches("[a-z_][a-z0-9_]{0,62}") || !f[3].matches("smallint|integer|bigint")) {
                throw new IllegalArgumentException("The backup's list of sequences is damaged: '" + line + "'");
            }
            return new Sequence(f[0], f[3], Long.parseLong(f[4]), Long.parseLong(f[5]), Long.parseLong(f[6]), Long.parseLong(f[7]),
                    Long.parseLong(f[8]), Boolean.parseBoolean(f[9]), Long.parseLong(f[1]), Boolean.parseBoolean(f[2]));
        }

        String createIfMissing() {
            return "CREATE SEQUENCE IF NOT EXISTS " + quote(name) + " AS " + type + " INCREMENT BY " + increment + " MINVALUE " + min
                    + " MAXVALUE " + max + " START WITH " + start + " CACHE " + cache + (cycle ? " CYCLE" : " NO CYCLE");
        }
    }

    /** The public schema's sequences (serial and identity columns included), read in the caller's snapshot. */
    static List<Sequence> sequences(Connection connection) throws SQLException {
        List<Sequence> sequences = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement("""
                SELECT sequencename, data_type::text, start_value, min_value, max_value, increment_by, cache_size, cycle
                FROM pg_sequences WHERE schemaname = current_schema() ORDER BY 1""");
                ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                String name = rows.getString(1);
                long last;
                boolean called;
                try (PreparedStatement state = connection.prepareStatement("SELECT last_value, is_called FROM " + quote(name));
                        ResultSet position = state.executeQuery()) {
                    position.next();
                    last = position.getLong(1);
                    called = position.getBoolean(2);
                }
                sequences.add(new Sequence(name, rows.getString(2), rows.getLong(3), rows.getLong(4), rows.getLong(5), rows.getLong(6),
                        rows.getLong(7), rows.getBoolean(8), last, called));
            }
        }
        return sequences;
    }

    /** Relations, functions, types and extensions in the schema: none means nothing of anyone's is there yet. */
    static int objectsInSchema(Connection connection) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("""
                SELECT (SELECT count(*) FROM pg_class c WHERE c.relnamespace = current_schema()::regnamespace)
                     + (SELECT count(*) FROM pg_proc p WHERE p.pronamespace = current_schema()::regnamespace)
                     + (SELECT count(*) FROM pg_type t WHERE t.typnamespace = current_schema()::regnamespace)
                     + (SELECT count(*) FROM pg_extension e WHERE e.extnamespace = current_schema()::regnamespace)""");
                ResultSet rows = query.executeQuery()) {
            rows.next();
            return rows.getInt(1);
        }
    }

    /** Whether this session's role owns the schema (so it can empty it again if a restore fails). */
    static boolean ownsSchema(Connection connection) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT pg_has_role(current_user, n.nspowner, 'USAGE') FROM pg_namespace n WHERE n.nspname = current_schema()");
                ResultSet rows = query.executeQuery()) {
            return rows.next() && rows.getBoolean(1);
        }
    }

    static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }
}
