package org.relaydesk.launcher;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.relaydesk.core.config.Setting;

/**
 * Relaydesk's settings ({@link Setting} declares them all): a command-line option
 * ({@code --set relaydesk.http.port=9090}) wins over an environment variable
 * (relaydesk.db.url → RELAYDESK_DB_URL), which wins over the configuration file, which wins over the
 * default. The file is conf/relaydesk.conf of the
 * installation, or the one RELAYDESK_CONF names (install.sh keeps it in /etc/relaydesk, apart from
 * the release it configures, so that an upgrade replaces the release and keeps the configuration).
 */
final class Settings {
    private final Properties file = new Properties();
    private final Map<String, String> environment;
    private final Map<String, String> options;
    final Path home;
    private final Path conf;

    /** Where a setting's value comes from, for {@code bin/relaydesk config}. */
    enum Source {
        OPTION("command line"), ENVIRONMENT("environment"), FILE("configuration file"), DEFAULT("default");

        final String label;

        Source(String label) {
            this.label = label;
        }
    }

    Settings(Path home, Map<String, String> environment) throws IOException {
        this(home, environment, Map.of());
    }

    /** {@code options}: the command line's {@code --set NAME=VALUE}, each name a declared setting. */
    Settings(Path home, Map<String, String> environment, Map<String, String> options) throws IOException {
        this.home = home;
        this.environment = environment;
        for (String key : options.keySet()) {
            if (Setting.named(key).isEmpty()) {
                throw new IllegalArgumentException("--set " + key + ": no such setting ('relaydesk config' lists them)");
            }
        }
        this.options = Map.copyOf(options);
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
        return Setting.environmentVariable(key);
    }

    Optional<String> get(String key) {
        String fromOption = options.get(key);
        if (fromOption != null && !fromOption.isBlank()) {
            return Optional.of(fromOption.trim());
        }
        String fromEnvironment = environment.get(environmentName(key));
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return Optional.of(fromEnvironment.trim());
        }
        String fromFile = file.getProperty(key);
        return fromFile == null || fromFile.isBlank() ? Optional.empty() : Optional.of(fromFile.trim());
    }

    Source source(String key) {
        if (options.containsKey(key) && !options.get(key).isBlank()) {
            return Source.OPTION;
        }
        String fromEnvironment = environment.get(environmentName(key));
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return Source.ENVIRONMENT;
        }
        String fromFile = file.getProperty(key);
        return fromFile == null || fromFile.isBlank() ? Source.DEFAULT : Source.FILE;
    }

    /** Names in the configuration file that no setting has: a misspelt name would otherwise be ignored in silence. */
    List<String> unknownNamesInFile() {
        return file.stringPropertyNames().stream().filter(name -> Setting.named(name).isEmpty()).sorted().toList();
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
        return path("relaydesk.data", "data");
    }
}
