package org.relaydesk.launcher;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.postgresql.PGConnection;

/**
 * {@code relaydesk backup}: the database (every table's rows as PostgreSQL's COPY text, in primary-key
 * order, from one consistent snapshot, so the server may keep running), the configuration and secret
 * key, and the plugins, in one zip with a manifest and SHA-256 checksums ({@code sha256sum -c} reads
 * them). Attachments and help-centre files live in the database and come with it. The archive holds
 * the secret key, so it is readable by its owner only; it appears under its name only once complete.
 */
final class Backup {
    static final int FORMAT = 1;
    static final String MANIFEST = "MANIFEST";
    static final String CHECKSUMS = "SHA256SUMS";
    static final String CHANGESETS = "database/changesets.tsv";
    static final String TABLES = "database/tables.tsv";
    static final String SEQUENCES = "database/sequences.tsv";
    static final String TABLE_PREFIX = "database/tables/";
    static final String CONF = "conf/relaydesk.conf";
    static final String SECRET_KEY = "conf/secret.key";
    static final String PLUGIN_PREFIX = "plugins/";

    private final Settings settings;
    private final Path data;
    private final Map<String, String> checksums = new LinkedHashMap<>();

    Backup(Settings settings, Path data) {
        this.settings = settings;
        this.data = data;
    }

    /** Writes the archive to {@code target} (a file, or a directory to put a dated file in) and returns its path. */
    Path write(Path target) throws IOException, SQLException {
        Path file = Files.isDirectory(target) ? target.resolve("relaydesk-backup-"
                + DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss'Z'").withZone(ZoneOffset.UTC).format(Instant.now()) + ".zip") : target;
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        if (Files.exists(file)) {
            throw new IllegalArgumentException(file + " exists already: a backup never overwrites a file");
        }
        Path partial = Files.createTempFile(parent, ".relaydesk-backup-", ".partial", PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rw-------")));
        try {
            try (DatabaseSession database = DatabaseSession.open(settings, data);
                    ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(partial))) {
                // most of the bytes are plugin jars (compressed already) and COPY text (which the fastest level
                // still shrinks several times): a slower level would cost seconds for a few per cent
                zip.setLevel(java.util.zip.Deflater.BEST_SPEED);
                Map<String, String> manifest = new LinkedHashMap<>();
                manifest.put("format", Integer.toString(FORMAT));
                manifest.put("relaydesk.version", Launcher.version());
                manifest.put("created", Instant.now().toString());
                manifest.put("database", database.description());
                writeDatabase(database.connection(), zip, manifest);
                writeFiles(zip);
                StringBuilder text = new StringBuilder("# Relaydesk backup: restore with 'bin/relaydesk restore FILE' onto an empty database\n");
                manifest.forEach((key, value) -> text.append(key).append('=').append(value.replace("\n", " ")).append('\n'));
                entry(zip, MANIFEST, out -> out.write(text.toString().getBytes(StandardCharsets.UTF_8)));
                StringBuilder sums = new StringBuilder();
                checksums.forEach((name, sum) -> sums.append(sum).append("  ").append(name).append('\n'));
                zip.putNextEntry(new ZipEntry(CHECKSUMS));
                zip.write(sums.toString().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
            try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(partial, java.nio.file.StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            // the archive is read back as a restore would read it before it is called a backup
            try (java.util.zip.ZipFile written = new java.util.zip.ZipFile(partial.toFile())) {
                Restore.verify(written);
            }
            // a link, unlike a rename, fails if the name was taken meanwhile: a backup never overwrites a file
            Files.createLink(file, partial);
            return file;
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    private void writeDatabase(Connection connection, ZipOutputStream zip, Map<String, String> manifest) throws IOException, SQLException {
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            // one snapshot for every table: the rows agree with each other however busy the server is
            statement.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
            statement.execute("SET LOCAL statement_timeout = 0");
            StringBuilder changesets = new StringBuilder();
            int count = 0;
            try (ResultSet rows = statement.executeQuery("SELECT id, author FROM databasechangelog ORDER BY orderexecuted")) {
                while (rows.next()) {
                    changesets.append(rows.getString(1)).append('\t').append(rows.getString(2)).append('\n');
                    count++;
                }
            } catch (SQLException e) {
                throw new IllegalStateException("This database holds no Relaydesk schema (" + e.getMessage().lines().findFirst().orElse("") + ")");
            }
            entry(zip, CHANGESETS, out -> out.write(changesets.toString().getBytes(StandardCharsets.UTF_8)));
            manifest.put("changesets", Integer.toString(count));

            PGConnection copier = connection.unwrap(PGConnection.class);
            List<SchemaCatalog.Table> tables = SchemaCatalog.tables(connection);
            StringBuilder listing = new StringBuilder();
            long totalRows = 0;
            for (SchemaCatalog.Table table : tables) {
                String order = table.primaryKey().isEmpty() ? ""
                        : " ORDER BY " + String.join(", ", table.primaryKey().stream().map(SchemaCatalog::quote).toList());
                String sql = "COPY (SELECT " + table.columnList() + " FROM " + SchemaCatalog.quote(table.name()) + order + ") TO STDOUT";
                long[] rows = new long[1];
                entry(zip, TABLE_PREFIX + table.name() + ".copy", out -> {
                    try {
                        rows[0] = copier.getCopyAPI().copyOut(sql, out);
                    } catch (SQLException e) {
                        throw new IOException("Copying " + table.name() + " failed: " + e.getMessage(), e);
                    }
                });
                listing.append(table.name()).append('\t').append(rows[0]).append('\t').append(String.join(",", table.columns())).append('\n');
                totalRows += rows[0];
            }
            if (tables.isEmpty()) {
                throw new IllegalStateException("The database's schema holds no tables: nothing to back up (is relaydesk.db.url the right database?)");
            }
            entry(zip, TABLES, out -> out.write(listing.toString().getBytes(StandardCharsets.UTF_8)));
            manifest.put("tables", Integer.toString(tables.size()));
            manifest.put("rows", Long.toString(totalRows));

            StringBuilder sequences = new StringBuilder();
            for (SchemaCatalog.Sequence sequence : SchemaCatalog.sequences(connection)) {
                sequences.append(sequence.tsv()).append('\n');
            }
            entry(zip, SEQUENCES, out -> out.write(sequences.toString().getBytes(StandardCharsets.UTF_8)));
        } finally {
            connection.rollback();
        }
    }

    private void writeFiles(ZipOutputStream zip) throws IOException {
        Path conf = settings.confFile();
        if (Files.isRegularFile(conf)) {
            copyFile(zip, CONF, conf);
        }
        Path key = settings.path("relaydesk.secret-key-file", "conf/secret.key");
        if (!Files.isRegularFile(key)) {
            throw new IllegalStateException("The secret key file " + key + " is missing: without it the stored secrets of this backup"
                    + " could not be read. Set relaydesk.secret-key-file to where it is.");
        }
        copyFile(zip, SECRET_KEY, key);
        Path plugins = settings.path("relaydesk.plugins.dir", "plugins");
        if (Files.isDirectory(plugins)) {
            try (Stream<Path> files = Files.list(plugins)) {
                for (Path plugin : files.filter(p -> Files.isRegularFile(p) && p.getFileName().toString().endsWith(".jar")).sorted().toList()) {
                    copyFile(zip, PLUGIN_PREFIX + plugin.getFileName(), plugin);
                }
            }
        }
    }

    private void copyFile(ZipOutputStream zip, String name, Path file) throws IOException {
        entry(zip, name, out -> {
            try (InputStream in = Files.newInputStream(file)) {
                in.transferTo(out);
            }
        });
    }

    private interface Content {
        void write(OutputStream out) throws IOException;
    }

    private void entry(ZipOutputStream zip, String name, Content content) throws IOException {
        MessageDigest sha256 = sha256();
        zip.putNextEntry(new ZipEntry(name));
        OutputStream unclosable = new FilterOutputStream(zip) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() {
                // the zip goes on with its next entry
            }
        };
        try (DigestOutputStream out = new DigestOutputStream(unclosable, sha256)) {
            content.write(out);
        }
        zip.closeEntry();
        checksums.put(name, HexFormat.of().formatHex(sha256.digest()));
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
