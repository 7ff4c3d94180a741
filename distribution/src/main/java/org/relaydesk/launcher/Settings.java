package org.relaydesk.launcher;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Relaydesk's settings: an environment variable (relaydesk.db.url → RELAYDESK_DB_URL) wins over
 * the configuration file, which wins over the default. The file is conf/relaydesk.conf of the
 * installation, or the one RELAYDESK_CONF names (install.sh keeps it in /etc/relaydesk, apart from
 * the release it configures, so that an upgrade replaces the release and keeps the configuration).
 */
final class Settings {
    private final Properties file = new Properties();
    private final Map<String, String> environment;
    final Path home;
    private final Path conf;

    Settings(Path home, Map<String, String> environment) throws IOException {
        this.home = home;
        this.environment = environment;
        String named = environment.get("RELAYDESK_CONF");
        this.conf = named == null || named.isBlank() ? home.resolve("conf/relaydesk.conf") : home.resolve(named.trim());
        if (Files.exists(conf)) {
            try (Reader reader = Files.newBufferedReader(conf, StandardCharsets.UTF_8)) {
                file.load(reader);
            }
        }
    }

    /** The configuration file read (it may not exist). */
    Path confFile() {
        return conf;
    }

    static String environmentName(String key) {
        return key.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
    }

    Optional<String> get(String key) {
        String fromEnvironment = environment.get(environmentName(key));
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return Optional.of(fromEnvironment.trim());
        }
        String fromFile = file.getProperty(key);
        return fromFile == null || fromFile.isBlank() ? Optional.empty() : Optional.of(fromFile.trim());
    }

    String get(String key, String fallback) {
        return get(key).orElse(fallback);
    }

    /** A path setting; a relative one is relative to the installation, whatever the working directory. */
    Path path(String key, String fallback) {
        Path path = Path.of(get(key, fallback));
        return path.isAbsolute() ? path : home.resolve(path);
    }

    Path dataDirectory() {
        Path data = get("relaydesk.data").map(Path::of).orElse(home.resolve("data"));
        return data.isAbsolute() ? data : home.resolve(data);
    }
}
