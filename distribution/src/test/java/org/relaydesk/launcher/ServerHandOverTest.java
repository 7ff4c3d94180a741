package org.relaydesk.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hand-over bin/relaydesk sources before it becomes the server: sourced by a real POSIX shell,
 * it must give the server exactly the command and environment the launcher meant, whatever a
 * setting holds (quotes, spaces, new lines, shell syntax), and leave out what is handed over elsewhere.
 */
class ServerHandOverTest {
    private static final List<String> AWKWARD = List.of("it's", "two words", "line one\nline two", "$(touch ran)", "`touch ran`", "\\", "", "'", "\"");

    @TempDir
    Path folder;

    @Test
    void aShellGetsTheCommandAndEnvironmentExactlyAsMeant() throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("/usr/bin/java", "-Xmx1g", "-jar", "lib/payara-micro.jar"));
        command.addAll(AWKWARD);
        Map<String, String> environment = new java.util.HashMap<>();
        for (int i = 0; i < AWKWARD.size(); i++) {
            environment.put("RELAYDESK_TEST_" + i, AWKWARD.get(i));
        }
        Path script = folder.resolve("handover");
        ServerHandOver.write(script, command, environment, List.of("RELAYDESK_ADMIN_PASSWORD"));
        Path marker = folder.resolve("ran");

        // what the sourcing shell then holds: its parameters, and the variables its child (the server) would see
        String printed = sh(". \"$HANDOVER\"; printf '%s\\0' \"$@\"; printf 'ENV\\0'; env -0", script, marker);
        List<String> parts = Arrays.asList(printed.split("\0", -1));
        int env = parts.indexOf("ENV");
        assertThat(parts.subList(0, env)).as("the server's command, argument for argument").isEqualTo(command);
        List<String> variables = parts.subList(env + 1, parts.size());
        for (int i = 0; i < AWKWARD.size(); i++) {
            assertThat(variables).as("variable %d", i).contains("RELAYDESK_TEST_" + i + "=" + AWKWARD.get(i));
        }
        assertThat(variables).as("handed over in a file, never in the server's environment").noneMatch(v -> v.startsWith("RELAYDESK_ADMIN_PASSWORD="))
                .noneMatch(v -> v.startsWith(ServerHandOver.VARIABLE + "="));
        assertThat(marker).as("nothing in a value ran as a command").doesNotExist();
    }

    @Test
    void aNameThatIsNoVariableNameIsRefusedRatherThanWritten() {
        assertThatThrownBy(() -> ServerHandOver.script(List.of("java"), Map.of("X; rm -rf /", "1"), List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aRecordedProcessCountsAsRunningOnlyIfItIsStillRelaydesks() {
        assertThat(PidFile.ours("/usr/lib/jvm/java-17/bin/java -Xmx1g -jar /opt/relaydesk/lib/payara-micro.jar --deploy ...")).isTrue();
        assertThat(PidFile.ours("java -Xmx128m -cp lib/launcher/* org.relaydesk.launcher.Launcher start")).isTrue();
        assertThat(PidFile.ours("sh /opt/relaydesk/bin/relaydesk start")).isTrue();
        assertThat(PidFile.ours("/usr/sbin/cron -f")).as("a crashed server's number, taken by another process").isFalse();
    }

    private static String sh(String program, Path script, Path marker) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("sh", "-c", program).redirectErrorStream(false);
        builder.environment().put("HANDOVER", script.toString());
        builder.environment().put("RELAYDESK_ADMIN_PASSWORD", "secret");
        builder.environment().put(ServerHandOver.VARIABLE, script.toString());
        builder.directory(marker.getParent().toFile());
        Process shell = builder.start();
        byte[] out = shell.getInputStream().readAllBytes();
        assertThat(shell.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(shell.exitValue()).as(new String(shell.getErrorStream().readAllBytes(), StandardCharsets.UTF_8)).isZero();
        return new String(out, StandardCharsets.UTF_8);
    }
}
