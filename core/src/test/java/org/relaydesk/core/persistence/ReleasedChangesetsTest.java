package org.relaydesk.core.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A changeset that has shipped never changes: installations have already run it, and Liquibase
 * would refuse to start on them (or, worse, an edit would never reach them). Each changeset file is
 * pinned by its SHA-256 in released-changesets.sha256 when it is added; a later edit fails here. A
 * schema change goes into a new file.
 */
class ReleasedChangesetsTest {
    private static final Path CHANGELOG = Path.of("src/main/resources/db/changelog");
    private static final Pattern PIN = Pattern.compile("^([0-9a-f]{64})\\s+(\\S+)$");
    private static final Pattern INCLUDE = Pattern.compile("<include file=\"db/changelog/([^\"]+)\"");

    private static Map<String, String> pins() throws IOException {
        Map<String, String> pins = new LinkedHashMap<>();
        try (InputStream in = ReleasedChangesetsTest.class.getResourceAsStream("/released-changesets.sha256")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                Matcher pin = PIN.matcher(line.trim());
                if (pin.matches()) {
                    pins.put(pin.group(2), pin.group(1));
                }
            }
        }
        return pins;
    }

    private static List<String> changesetFiles() throws IOException {
        try (Stream<Path> files = Files.list(CHANGELOG)) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".sql")).sorted().toList();
        }
    }

    @Test
    void noPinnedChangesetHasChanged() throws Exception {
        for (Map.Entry<String, String> pin : pins().entrySet()) {
            Path file = CHANGELOG.resolve(pin.getKey());
            assertThat(file).as("released changeset %s is gone", pin.getKey()).exists();
            String actual = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
            assertThat(actual).as("%s has shipped and must not change: put the change into a new changeset", pin.getKey())
                    .isEqualTo(pin.getValue());
        }
    }

    @Test
    void everyChangesetIsPinnedAndIncludedOnceInOrder() throws Exception {
        assertThat(changesetFiles()).as("pin each new changeset in src/test/resources/released-changesets.sha256 (sha256sum)")
                .containsExactlyElementsOf(pins().keySet());
        Matcher include = INCLUDE.matcher(Files.readString(CHANGELOG.resolve("db.changelog-master.xml")));
        List<String> included = include.results().map(m -> m.group(1)).toList();
        assertThat(included).as("the master changelog includes every changeset once, in order").containsExactlyElementsOf(changesetFiles());
    }
}
