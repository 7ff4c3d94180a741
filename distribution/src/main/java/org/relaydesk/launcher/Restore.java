package org.relaydesk.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.postgresql.PGConnection;
import org.relaydesk.core.persistence.SchemaMigrator;

/**
 * {@code relaydesk restore FILE}: a backup onto an installation whose database is empty. Everything
 * is checked before anything is written: every entry against its checksum, the names, the format,
 * and that this version's schema history begins with the backup's. Then the database is migrated to
 * exactly the backup's schema with the server's own changelog, the rows are loaded in one
 * transaction with every constraint checked, and the sequences set; a later start migrates on as an
 * upgrade would. If loading fails, the schema the restore made is removed again, leaving the database
 * as empty as it was. Last come the files: the secret key (the one in place, if different, is kept
 * beside it), the configuration (written beside the installation's when that differs) and plugins
 * the installation lacks.
 */
final class Restore {
    private static final Pattern ENTRY = Pattern.compile(
            "MANIFEST|SHA256SUMS|database/(?:changesets|tables|sequences)\\.tsv|database/tables/[a-z_][a-z0-9_]{0,62}\\.copy"
                    + "|conf/relaydesk\\.conf|conf/secret\\.key|plugins/[A-Za-z0-9][A-Za-z0-9._-]{0,120}\\.jar");

    private static final int LIST_LIMIT = 16 * 1024 * 1024;
    /** Liquibase reports every changeset it runs; the operator needs only its warnings. Held, so the level sticks. */
    private static final java.util.logging.Logger LIQUIBASE_LOG = java.util.logging.Logger.getLogger("liquibase");

    private final Settings settings;
    private final Path data;
    private final PrintStream out;

    Restore(Settings settings, Path data, PrintStream out) {
        this.settings = settings;
        this.data = data;
        this.out = out;
    }

    void restore(Path archive) throws IOException, SQLException {
        LIQUIBASE_LOG.setLevel(java.util.logging.Level.WARNING);
        if (!Files.isRegularFile(archive)) {
            throw new IllegalArgumentException(archive + " is not a file");
        }
        if (PidFile.running(data).isPresent()) {
            throw new IllegalStateException("Relaydesk is running: stop it ('relaydesk stop') before restoring");
        }
        try (ZipFile zip = open(archive)) {
            Verified verified = verify(zip);
            Properties manifest = verified.manifest();
            out.println("Backup of Relaydesk " + manifest.getProperty("relaydesk.version") + " made " + manifest.getProperty("created")
                    + ": " + manifest.getProperty("tables") + " tables, " + manifest.getProperty("rows") + " rows; checksums verified.");
            try (DatabaseSession database = DatabaseSession.open(settings, data)) {
                restoreDatabase(zip, database.connection());
                out.println("Database restored into " + database.description() + ".");
            }
            restoreFiles(zip, verified.checksums());
        }
    }

    /** What a verified archive says of itself: its manifest, and each entry's SHA-256. */
    record Verified(Properties manifest, Map<String, String> checksums) {
    }

    private static ZipFile open(Path archive) throws IOException {
        try {
            return new ZipFile(archive.toFile());
        } catch (IOException e) {
            throw new IllegalArgumentException(archive + " is not a Relaydesk backup (not a readable zip: " + e.getMessage() + ")");
        }
    }

    /** Checksums, names and format, before anything is touched. */
    static Verified verify(ZipFile zip) throws IOException {
        ZipEntry sums = zip.getEntry(Backup.CHECKSUMS);
        ZipEntry manifestEntry = zip.getEntry(Backup.MANIFEST);
        if (sums == null || manifestEntry == null) {
            throw new IllegalArgumentException("Not a Relaydesk backup: no " + Backup.MANIFEST + " or " + Backup.CHECKSUMS);
        }
        Map<String, String> expected = new HashMap<>();
        for (String line : read(zip, sums).split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            String[] parts = line.split(" {2}", 2);
            if (parts.length != 2 || !parts[0].matches("[0-9a-f]{64}") || !ENTRY.matcher(parts[1]).matches()) {
                throw new IllegalArgumentException("The backup's checksum list is damaged: '" + line + "'");
            }
            expected.put(parts[1], parts[0]);
        }
        java.util.Set<String> names = new java.util.HashSet<>();
        boolean sumsSeen = false;
        for (var entries = zip.entries(); entries.hasMoreElements();) {
            String name = entries.nextElement().getName();
            if (name.equals(Backup.CHECKSUMS) && !sumsSeen) {
                sumsSeen = true;
                continue;
            }
            if (!ENTRY.matcher(name).matches() || !expected.containsKey(name)) {
                throw new IllegalArgumentException("The backup holds an entry it does not list or may not hold: '" + name + "'");
            }
            if (!names.add(name)) {
                throw new IllegalArgumentException("The backup holds " + name + " twice");
            }
        }
        for (String name : expected.keySet()) {
            if (!names.contains(name)) {
                throw new IllegalArgumentException("The backup lacks " + name + ", which its checksum list names");
            }
            String actual;
            try (InputStream in = zip.getInputStream(zip.getEntry(name))) {
                actual = sha256(in);
            }
            if (!actual.equals(expected.get(name))) {
                throw new IllegalArgumentException("The backup is damaged: " + name + " does not match its checksum. Nothing was restored.");
            }
        }
        Properties manifest = new Properties();
        manifest.load(new java.io.StringReader(read(zip, manifestEntry)));
        if (!Integer.toString(Backup.FORMAT).equals(manifest.getProperty("format"))) {
            throw new IllegalArgumentException("This backup's format (" + manifest.getProperty("format") + ") is not one this version reads ("
                    + Backup.FORMAT + ")");
        }
        for (String required : List.of(Backup.CHANGESETS, Backup.TABLES, Backup.SEQUENCES, Backup.SECRET_KEY)) {
            if (!expected.containsKey(required)) {
                throw new IllegalArgumentException("The backup lacks " + required);
            }
        }
        // the lists are read whole now, so that a damaged one is refused before anything is written
        for (String line : read(zip, zip.getEntry(Backup.TABLES)).split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            String[] parts = line.split("\t", 3);
            if (parts.length != 3 || !parts[1].matches("\\d{1,18}") || !expected.containsKey(Backup.TABLE_PREFIX + parts[0] + ".copy")
                    || !parts[2].matches("[a-z_][a-z0-9_]{0,62}(,[a-z_][a-z0-9_]{0,62})*")) {
                throw new IllegalArgumentException("The backup's list of tables is damaged: '" + line + "'");
            }
        }
        for (String line : read(zip, zip.getEntry(Backup.SEQUENCES)).split("\n")) {
            if (!line.isBlank()) {
                SchemaCatalog.Sequence.parse(line);
            }
        }
        for (String line : read(zip, zip.getEntry(Backup.CHANGESETS)).split("\n")) {
            if (!line.isBlank() && line.split("\t").length != 2) {
                throw new IllegalArgumentException("The backup's list of schema changes is damaged: '" + line + "'");
            }
        }
        return new Verified(manifest, Map.copyOf(expected));
    }

    private static String sha256(InputStream in) throws IOException {
        MessageDigest sha256 = Backup.sha256();
        byte[] buffer = new byte[65536];
        for (int n; (n = in.read(buffer)) > 0;) {
            sha256.update(buffer, 0, n);
        }
        return HexFormat.of().formatHex(sha256.digest());
    }

    private static boolean sameContent(Path file, String checksum) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return sha256(in).equals(checksum);
        }
    }

    private static void copy(ZipFile zip, ZipEntry entry, Path target) throws IOException {
        try (InputStream in = zip.getInputStream(entry)) {
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Into a new file readable by its owner only: copy() would make it again with the umask's rights. */
    private static void copyPrivately(ZipFile zip, ZipEntry entry, Path target) throws IOException {
        Files.createDirectories(target.toAbsolutePath().getParent());
        Files.deleteIfExists(target);
        Files.createFile(target, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try (InputStream in = zip.getInputStream(entry);
                var out = Files.newOutputStream(target, java.nio.file.StandardOpenOption.WRITE, java.nio.file.StandardOpenOption.TRUNCATE_EXISTING)) {
            in.transferTo(out);
        }
    }

    private void restoreDatabase(ZipFile zip, Connection connection) throws IOException, SQLException {
        List<SchemaMigrator.ChangeSetId> ours = SchemaMigrator.changeSets(connection);
        List<SchemaMigrator.ChangeSetId> theirs = new ArrayList<>();
        for (String line : read(zip, zip.getEntry(Backup.CHANGESETS)).split("\n")) {
            if (!line.isBlank()) {
                String[] parts = line.split("\t", 2);
                theirs.add(new SchemaMigrator.ChangeSetId(parts[0], parts.length > 1 ? parts[1] : ""));
            }
        }
        if (theirs.size() > ours.size() || !ours.subList(0, theirs.size()).equals(theirs)) {
            throw new IllegalStateException("This backup's schema is not one this version knows (it was made by a newer or a different"
                    + " Relaydesk): restore it with the version that made it, or a newer one. Nothing was changed.");
        }
        // a server started meanwhile waits on this lock, then finds the restored database
        try {
            SchemaMigrator.lock(connection);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the database's migration lock");
        }
        try {
            if (SchemaCatalog.objectsInSchema(connection) > 0) {
                throw new IllegalStateException("The database is not empty: restore needs a database with nothing in its schema"
                        + " (create a new database, or drop and create this one). Nothing was changed.");
            }
            if (!SchemaCatalog.ownsSchema(connection)) {
                throw new IllegalStateException("The database role does not own the database's schema, so a failed restore could not"
                        + " empty it again: restore as the database's owner. Nothing was changed.");
            }
            boolean loaded = false;
            try {
                SchemaMigrator.migrate(connection, theirs.size());
                load(zip, connection);
                loaded = true;
            } finally {
                if (!loaded) {
                    removeWhatWasMade(connection);
                }
            }
        } finally {
            SchemaMigrator.unlock(connection);
        }
    }

    private void load(ZipFile zip, Connection connection) throws IOException, SQLException {
        Map<String, Long> expectedRows = new LinkedHashMap<>();
        Map<String, List<String>> columns = new HashMap<>();
        for (String line : read(zip, zip.getEntry(Backup.TABLES)).split("\n")) {
            if (!line.isBlank()) {
                String[] parts = line.split("\t", 3);
                expectedRows.put(parts[0], Long.parseLong(parts[1]));
                columns.put(parts[0], parts.length > 2 && !parts[2].isEmpty() ? Arrays.asList(parts[2].split(",")) : List.of());
            }
        }
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET LOCAL statement_timeout = 0");
            List<SchemaCatalog.Table> tables = SchemaCatalog.tables(connection);
            List<String> names = tables.stream().map(SchemaCatalog.Table::name).toList();
            if (!names.containsAll(expectedRows.keySet()) || !expectedRows.keySet().containsAll(names)) {
                throw new IllegalStateException("The backup's tables do not match its schema's: " + expectedRows.keySet() + " against " + names);
            }
            // rows the migrations seed (defaults, vocabularies) make way for the backup's own
            statement.execute("TRUNCATE " + String.join(", ", names.stream().map(SchemaCatalog::quote).toList()) + " CASCADE");
            PGConnection copier = connection.unwrap(PGConnection.class);
            for (SchemaCatalog.Table table : SchemaCatalog.loadOrder(connection, tables)) {
                List<String> backedUp = columns.get(table.name());
                if (!table.columns().containsAll(backedUp)) {
                    throw new IllegalStateException("The backup's " + table.name() + " has columns its schema lacks: " + backedUp);
                }
                String list = String.join(", ", backedUp.stream().map(SchemaCatalog::quote).toList());
                try (InputStream rows = zip.getInputStream(zip.getEntry(Backup.TABLE_PREFIX + table.name() + ".copy"))) {
                    long copied = copier.getCopyAPI().copyIn("COPY " + SchemaCatalog.quote(table.name()) + " (" + list + ") FROM STDIN", rows);
                    if (copied != expectedRows.get(table.name())) {
                        throw new IllegalStateException(table.name() + ": " + copied + " rows loaded, the backup lists " + expectedRows.get(table.name()));
                    }
                }
            }
            for (String line : read(zip, zip.getEntry(Backup.SEQUENCES)).split("\n")) {
                if (!line.isBlank()) {
                    SchemaCatalog.Sequence sequence = SchemaCatalog.Sequence.parse(line);
                    statement.execute(sequence.createIfMissing());
                    try (var set = connection.prepareStatement("SELECT setval(?::regclass, ?, ?)")) {
                        set.setString(1, SchemaCatalog.quote(sequence.name()));
                        set.setLong(2, sequence.lastValue());
                        set.setBoolean(3, sequence.called());
                        set.execute();
                    }
                }
            }
            connection.commit();
        } catch (SQLException | RuntimeException | IOException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
    }

    /** The public schema was empty before the restore: all that is in it now, the restore made. */
    private void removeWhatWasMade(Connection connection) {
        try (Statement statement = connection.createStatement()) {
            if (!connection.getAutoCommit()) {
                connection.rollback();
                connection.setAutoCommit(true);
            }
            String schema;
            try (var rows = statement.executeQuery("SELECT current_schema()")) {
                rows.next();
                schema = SchemaCatalog.quote(rows.getString(1));
            }
            // dropped objects one by one would leave what the migrations made in between; the schema
            // is the restore's own (it was empty and is owned by this role, both checked before)
            statement.execute("DROP SCHEMA " + schema + " CASCADE");
            statement.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            out.println("The restore failed and could not remove the schema it made (" + e.getMessage()
                    + "): drop and create the database before trying again.");
        }
    }

    private void restoreFiles(ZipFile zip, Map<String, String> checksums) throws IOException {
        String stamp = Instant.now().toString().replace(":", "");
        ZipEntry key = zip.getEntry(Backup.SECRET_KEY);
        if (key != null) {
            Path target = settings.path("relaydesk.secret-key-file", "conf/secret.key");
            if (!Files.exists(target) || !sameContent(target, checksums.get(Backup.SECRET_KEY))) {
                if (Files.exists(target)) {
                    Path aside = target.resolveSibling(target.getFileName() + ".before-restore-" + stamp);
                    Files.move(target, aside);
                    out.println("The secret key in place was kept as " + aside + "; the backup's replaces it (its data needs it).");
                }
                copyPrivately(zip, key, target);
            }
        }
        ZipEntry conf = zip.getEntry(Backup.CONF);
        if (conf != null) {
            Path target = settings.confFile();
            if (!Files.exists(target)) {
                copyPrivately(zip, conf, target);
            } else if (!sameContent(target, checksums.get(Backup.CONF))) {
                Path beside = target.resolveSibling("relaydesk.conf.from-backup");
                copyPrivately(zip, conf, beside);
                out.println("The installation's conf/relaydesk.conf differs from the backup's and was kept (its database settings are"
                        + " this machine's); the backup's is in " + beside + " to compare.");
            }
        }
        Path plugins = settings.path("relaydesk.plugins.dir", "plugins");
        for (var entries = zip.entries(); entries.hasMoreElements();) {
            ZipEntry entry = entries.nextElement();
            if (!entry.getName().startsWith(Backup.PLUGIN_PREFIX)) {
                continue;
            }
            Path target = plugins.resolve(entry.getName().substring(Backup.PLUGIN_PREFIX.length()));
            if (!Files.exists(target)) {
                Files.createDirectories(plugins);
                Path partial = Files.createTempFile(plugins, ".restore-", ".partial");
                copy(zip, entry, partial);
                Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
                out.println("Plugin restored: " + target.getFileName());
            } else if (!sameContent(target, checksums.get(entry.getName()))) {
                out.println("Plugin " + target.getFileName() + " differs from the backup's; the installation's was kept.");
            }
        }
    }

    private static String read(ZipFile zip, ZipEntry entry) throws IOException {
        return new String(bytes(zip, entry), StandardCharsets.UTF_8);
    }

    /** The archive's lists and manifest: small text, read whole, never without a bound. */
    private static byte[] bytes(ZipFile zip, ZipEntry entry) throws IOException {
        try (InputStream in = zip.getInputStream(entry)) {
            byte[] content = in.readNBytes(LIST_LIMIT + 1);
            if (content.length > LIST_LIMIT) {
                throw new IllegalArgumentException("The backup's " + entry.getName() + " is larger than such a list can be");
            }
            return content;
        }
    }
}
