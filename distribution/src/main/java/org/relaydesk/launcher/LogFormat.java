package org.relaydesk.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The server log's format. Text is Payara Micro's own (one line per record). JSON swaps only the console
 * handler's formatter for Payara's JSON one in a copy of Payara Micro's own logging configuration, so
 * that levels and handlers stay exactly what the text log has.
 */
final class LogFormat {
    static final String JSON_FORMATTER = "fish.payara.enterprise.server.logging.JSONLogFormatter";
    private static final String PAYARA_DEFAULTS = "MICRO-INF/domain/logging.properties";

    private LogFormat() {
    }

    /** Payara Micro's options for the chosen format: none for text; for JSON, the logging configuration written into the data folder. */
    static List<String> payaraArguments(Settings settings, Path payaraJar, Path data) throws IOException {
        String format = settings.get("relaydesk.log.format", "text").trim().toLowerCase(java.util.Locale.ROOT);
        switch (format) {
            case "text":
                return List.of();
            case "json":
                Path file = data.resolve("payara-logging.properties");
                Files.writeString(file, json(payaraDefaults(payaraJar)), StandardCharsets.UTF_8);
                return List.of("--logproperties", file.toString());
            default:
                throw new IllegalArgumentException("relaydesk.log.format is text or json, not '" + format + "'");
        }
    }

    /** Payara's logging configuration with the console writing JSON (without colours, which would land inside the JSON). */
    static String json(String defaults) {
        String kept = defaults.lines().filter(line -> !line.startsWith("java.util.logging.ConsoleHandler.formatter=") && !line.contains(".ansiColor="))
                .collect(Collectors.joining("\n"));
        return kept + "\njava.util.logging.ConsoleHandler.formatter=" + JSON_FORMATTER + "\n";
    }

    private static String payaraDefaults(Path payaraJar) throws IOException {
        try (ZipFile jar = new ZipFile(payaraJar.toFile())) {
            ZipEntry entry = jar.getEntry(PAYARA_DEFAULTS);
            if (entry == null) {
                return "handlers=java.util.logging.ConsoleHandler\njava.util.logging.ConsoleHandler.level=INFO\n.level=INFO\n";
            }
            try (InputStream in = jar.getInputStream(entry)) {
                return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            }
        }
    }
}
