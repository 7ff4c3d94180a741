package org.relaydesk.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;

/**
 * bin/relaydesk backup and restore, as an operator moves a help desk to a new machine: a backup of a
 * running desk, restored onto a fresh installation, holds everything the original held (a second
 * backup of the restored one matches the first entry for entry), and the restored desk works: the
 * same logins, tickets, files, and ticket numbers that go on where they stopped. A damaged archive,
 * one from a newer version, and a database that is not empty are refused with nothing changed.
 */
class BackupRestoreIT {
    private static final byte[] FILE = "%PDF-1.4 a receipt\n\u0000\u00ff binary tail".getBytes(StandardCharsets.ISO_8859_1);

    @Test
    void aBackupRestoredOntoAFreshInstallationHoldsEverythingAndWorks() throws Exception {
        Path archive;
        String ticket;
        String attachment;
        int lastNumberInSecondWorkspace;
        // the shared desk, running and busy with other classes' data: a backup does not stop it
        String shop = "second-shop-" + Long.toString(System.nanoTime(), 36);
        {
            RelaydeskProcess source = RelaydeskProcess.sharedDemoDesk();
            Api admin = new Api(source.baseUrl(), Api.login(source.baseUrl(), RelaydeskProcess.DEMO_ADMIN_EMAIL,
                    RelaydeskProcess.DEMO_ADMIN_PASSWORD));
            ticket = admin.post("/api/tickets", Json.createObjectBuilder().add("subject", "Invoice 2291 charged twice")
                    .add("description", "Please refund one of them.").add("requester_email", "rhea@customer.test").build()).json().getString("id");
            assertThat(admin.post("/api/tickets/" + ticket + "/comments", "{\"body\":\"<p>Refund on its way.</p>\"}").status()).isEqualTo(201);
            Api.Reply uploaded = admin.post("/api/tickets/" + ticket + "/attachments?filename=receipt.pdf", FILE, "application/pdf");
            assertThat(uploaded.status()).isEqualTo(201);
            attachment = uploaded.json().getString("id");
            // a workspace made at run time has its own ticket-number sequence, which the migrations do not make
            assertThat(admin.post("/api/workspaces", "{\"name\":\"Second Shop\",\"slug\":\"" + shop + "\",\"admin\":{\"email\":"
                    + "\"admin@" + shop + ".test\",\"name\":\"Second Admin\",\"password\":\"second-admin-pw\"}}").status()).isEqualTo(201);
            Api second = new Api(source.baseUrl(), Api.login(source.baseUrl(), "admin@" + shop + ".test", "second-admin-pw"));
            second.post("/api/tickets", "{\"subject\":\"First\",\"description\":\"one\",\"requester_email\":\"a@second.test\"}");
            lastNumberInSecondWorkspace = second.post("/api/tickets",
                    "{\"subject\":\"Second\",\"description\":\"two\",\"requester_email\":\"b@second.test\"}").json().getInt("number");

            archive = source.home.resolveSibling("backup-" + shop + ".zip");
            RelaydeskProcess.Outcome backup = source.run("backup", "--to", archive.toString());
            assertThat(backup.exit()).as(backup.output()).isZero();
            assertThat(backup.output()).contains("Backup written to " + archive);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(archive)))
                    .as("the archive holds the secret key").isEqualTo("rw-------");
        }

        RelaydeskProcess target = new RelaydeskProcess(RelaydeskProcess.unpack("backup-target"), Map.of());
        try (target) {
            Path damaged = target.home.resolveSibling("damaged.zip");
            rewrite(archive, damaged, "database/tables/tickets.copy", "Invoice 2291", "Invoice 9999");
            RelaydeskProcess.Outcome refused = target.run("restore", damaged.toString());
            assertThat(refused.exit()).isEqualTo(1);
            assertThat(refused.output()).contains("database/tables/tickets.copy does not match its checksum").contains("Nothing was restored")
                    .doesNotContain("Exception");

            RelaydeskProcess.Outcome restored = target.run("restore", archive.toString());
            assertThat(restored.exit()).as(restored.output()).isZero();
            assertThat(restored.output()).contains("checksums verified").contains("Restore complete").doesNotContain("Liquibase: Update");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target.home.resolve("conf/secret.key"))))
                    .as("the restored key is its owner's alone").isEqualTo("rw-------");

            RelaydeskProcess.Outcome again = target.run("restore", archive.toString());
            assertThat(again.exit()).isEqualTo(1);
            assertThat(again.output()).contains("The database is not empty").contains("Nothing was changed");

            Path newer = target.home.resolveSibling("newer.zip");
            rewrite(archive, newer, "database/changesets.tsv", null, "999-from-a-later-version\trelaydesk\n");
            RelaydeskProcess.Outcome tooNew = target.run("restore", newer.toString());
            assertThat(tooNew.exit()).isEqualTo(1);
            assertThat(tooNew.output()).contains("made by a newer or a different Relaydesk").contains("Nothing was changed");

            Path copy = target.home.resolveSibling("backup-of-the-restored.zip");
            RelaydeskProcess.Outcome second = target.run("backup", "--to", copy.toString());
            assertThat(second.exit()).as(second.output()).isZero();
            Map<String, String> original = checksums(archive);
            Map<String, String> roundTrip = checksums(copy);
            original.remove("MANIFEST");
            roundTrip.remove("MANIFEST");
            assertThat(original).as("every table, sequence, setting, key and plugin").containsKeys("database/tables/tickets.copy",
                    "database/tables/attachments.copy", "database/sequences.tsv", "conf/secret.key", "plugins/channel-email.jar");
            assertThat(roundTrip).isEqualTo(original);

            target.start("start-dev");
            Api admin = new Api(target.baseUrl(), Api.login(target.baseUrl(), RelaydeskProcess.DEMO_ADMIN_EMAIL,
                    RelaydeskProcess.DEMO_ADMIN_PASSWORD));
            JsonObject restoredTicket = admin.get("/api/tickets/" + ticket).json();
            assertThat(restoredTicket.getString("subject")).isEqualTo("Invoice 2291 charged twice");
            assertThat(admin.get("/api/tickets/" + ticket + "/comments").body()).contains("Refund on its way.");
            assertThat(admin.getBytes("/api/tickets/" + ticket + "/attachments/" + attachment).body()).isEqualTo(FILE);
            Api secondShop = new Api(target.baseUrl(), Api.login(target.baseUrl(), "admin@" + shop + ".test", "second-admin-pw"));
            int next = secondShop.post("/api/tickets", "{\"subject\":\"Third\",\"description\":\"three\",\"requester_email\":\"c@second.test\"}")
                    .json().getInt("number");
            assertThat(next).as("ticket numbers go on where they stopped").isEqualTo(lastNumberInSecondWorkspace + 1);
        }
    }

    /** A copy of the archive with one entry changed (a text replaced, or a line added), its checksum list kept or recomputed. */
    private static void rewrite(Path from, Path to, String entryName, String find, String replacement) throws Exception {
        boolean recompute = find == null;
        Map<String, byte[]> entries = new java.util.LinkedHashMap<>();
        try (ZipFile zip = new ZipFile(from.toFile())) {
            for (var it = zip.entries(); it.hasMoreElements();) {
                ZipEntry entry = it.nextElement();
                try (InputStream in = zip.getInputStream(entry)) {
                    entries.put(entry.getName(), in.readAllBytes());
                }
            }
        }
        String text = new String(entries.get(entryName), StandardCharsets.UTF_8);
        String changed = recompute ? text + replacement : text.replace(find, replacement);
        assertThat(changed).isNotEqualTo(text);
        entries.put(entryName, changed.getBytes(StandardCharsets.UTF_8));
        if (recompute) {
            String sums = new String(entries.get("SHA256SUMS"), StandardCharsets.UTF_8);
            String line = sums.lines().filter(l -> l.endsWith("  " + entryName)).findFirst().orElseThrow();
            entries.put("SHA256SUMS", sums.replace(line, sha256(entries.get(entryName)) + "  " + entryName).getBytes(StandardCharsets.UTF_8));
        }
        try (OutputStream file = Files.newOutputStream(to); ZipOutputStream zip = new ZipOutputStream(file)) {
            for (var entry : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(entry.getKey()));
                zip.write(entry.getValue());
                zip.closeEntry();
            }
        }
    }

    private static Map<String, String> checksums(Path archive) throws Exception {
        Map<String, String> sums = new TreeMap<>();
        try (ZipFile zip = new ZipFile(archive.toFile())) {
            for (var it = zip.entries(); it.hasMoreElements();) {
                ZipEntry entry = it.nextElement();
                if (!entry.getName().equals("SHA256SUMS")) {
                    try (InputStream in = zip.getInputStream(entry)) {
                        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                        in.transferTo(bytes);
                        sums.put(entry.getName(), sha256(bytes.toByteArray()));
                    }
                }
            }
        }
        return sums;
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
