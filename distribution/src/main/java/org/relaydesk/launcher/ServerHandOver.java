package org.relaydesk.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The server's command and environment handed to bin/relaydesk, which sources the file and replaces
 * itself with the server ({@code exec}), so that no launcher JVM stays beside it. The shell names
 * the file (made by mktemp: owner-only, since the environment carries the database password) in
 * {@link #VARIABLE}; the file is a POSIX shell fragment in which every value is single-quoted, so
 * that nothing in a setting is ever read as shell syntax.
 */
final class ServerHandOver {
    static final String VARIABLE = "RELAYDESK_SERVER_HANDOVER";
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private ServerHandOver() {
    }

    /** The file bin/relaydesk asked for, if it did. */
    static Optional<Path> requested() {
        return Optional.ofNullable(System.getenv(VARIABLE)).filter(value -> !value.isBlank()).map(Path::of);
    }

    static void write(Path file, List<String> command, Map<String, String> environment, List<String> removed) throws IOException {
        Files.writeString(file, script(command, environment, removed), StandardCharsets.UTF_8);
    }

    /** Exports, removals, then the command as the shell's positional parameters. */
    static String script(List<String> command, Map<String, String> environment, List<String> removed) {
        StringBuilder script = new StringBuilder("# Relaydesk's server, handed over by the launcher; sourced once by bin/relaydesk, then deleted\n");
        for (var variable : new TreeMap<>(environment).entrySet()) {
            script.append("export ").append(name(variable.getKey())).append('=').append(quoted(variable.getValue())).append('\n');
        }
        for (String name : removed) {
            script.append("unset ").append(name(name)).append('\n');
        }
        script.append("unset ").append(VARIABLE).append('\n');
        script.append("set --");
        command.forEach(argument -> script.append(' ').append(quoted(argument)));
        return script.append('\n').toString();
    }

    private static String name(String name) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("not an environment variable's name: " + name);
        }
        return name;
    }

    /** Single quotes keep everything literal in a POSIX shell; a quote inside is closed, escaped and reopened. */
    static String quoted(String value) {
        return "'" + value.replace("'", "'\\''") + "'";
    }
}
