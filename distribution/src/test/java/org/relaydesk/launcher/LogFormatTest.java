package org.relaydesk.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JSON log keeps Payara's levels and handlers and changes only the console's formatter; anything but text or json is refused. */
class LogFormatTest {
    @TempDir
    Path home;

    private static final String PAYARA = """
            handlers=java.util.logging.ConsoleHandler
            java.util.logging.ConsoleHandler.formatter=com.sun.enterprise.server.logging.ODLLogFormatter
            com.sun.enterprise.server.logging.ODLLogFormatter.ansiColor=true
            java.util.logging.ConsoleHandler.level=FINE
            .level=INFO
            org.apache.catalina.level=INFO
            """;

    @Test
    void jsonSwapsTheConsoleFormatterAndKeepsEveryLevel() throws Exception {
        Properties json = new Properties();
        json.load(new ByteArrayInputStream(LogFormat.json(PAYARA).getBytes(StandardCharsets.ISO_8859_1)));
        assertThat(json.getProperty("java.util.logging.ConsoleHandler.formatter")).isEqualTo(LogFormat.JSON_FORMATTER);
        assertThat(json).doesNotContainKey("com.sun.enterprise.server.logging.ODLLogFormatter.ansiColor");
        assertThat(json.getProperty("handlers")).isEqualTo("java.util.logging.ConsoleHandler");
        assertThat(json.getProperty("java.util.logging.ConsoleHandler.level")).isEqualTo("FINE");
        assertThat(json.getProperty("org.apache.catalina.level")).isEqualTo("INFO");
    }

    @Test
    void textNeedsNoOptionAndAnythingElseIsRefusedByName() throws Exception {
        Files.createDirectories(home.resolve("conf"));
        Files.writeString(home.resolve("conf/relaydesk.conf"), "");
        Path jar = home.resolve("missing.jar");
        assertThat(LogFormat.payaraArguments(new Settings(home, Map.of(), Map.of()), jar, home)).isEmpty();
        assertThatThrownBy(() -> LogFormat.payaraArguments(new Settings(home, Map.of("RELAYDESK_LOG_FORMAT", "xml"), Map.of()), jar, home))
                .hasMessageContaining("relaydesk.log.format is text or json, not 'xml'");
    }
}
