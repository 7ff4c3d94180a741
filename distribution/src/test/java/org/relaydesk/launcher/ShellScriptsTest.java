package org.relaydesk.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The shell scripts an operator runs as root (install.sh) or every day (bin/relaydesk), and the
 * install test's, pass ShellCheck: quoting, word splitting and exit-status slips are the bugs that
 * turn an installer destructive. ShellCheck is Debian's package {@code shellcheck} (.ci/run installs it).
 */
class ShellScriptsTest {
    private static final List<String> SCRIPTS = List.of("../install.sh", "src/bin/relaydesk", "src/test/install/run.sh",
            "src/test/install/inside.sh");

    @Test
    void everyShellScriptPassesShellCheck() throws Exception {
        for (String script : SCRIPTS) {
            assertThat(Path.of(script)).as(script).isRegularFile();
        }
        List<String> command = new java.util.ArrayList<>(List.of("shellcheck", "--severity=info"));
        command.addAll(SCRIPTS);
        Process shellcheck;
        try {
            shellcheck = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (java.io.IOException e) {
            throw new AssertionError("ShellCheck is not installed: apt-get install shellcheck (.ci/run does)", e);
        }
        String output = new String(shellcheck.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(shellcheck.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(shellcheck.exitValue()).as(output).isZero();
    }

    @Test
    void theInstallerIsShippedExecutableAtTheTopOfTheRepository() throws Exception {
        Path installer = Path.of("../install.sh");
        assertThat(Files.isExecutable(installer)).isTrue();
        assertThat(Files.readString(installer)).startsWith("#!/usr/bin/env bash").contains("set -euo pipefail");
    }
}
