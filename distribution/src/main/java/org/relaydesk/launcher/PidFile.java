package org.relaydesk.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** data/relaydesk.pid: "pid port" of the running launcher (start-dev) or server (start), for stop and status. */
final class PidFile {
    private PidFile() {
    }

    static void write(Path data, long pid, int port) throws IOException {
        Files.writeString(data.resolve("relaydesk.pid"), pid + " " + port + "\n", StandardCharsets.UTF_8);
    }

    /**
     * The recorded process, if it is alive and still Relaydesk's (the launcher, the server bin/relaydesk became, or
     * that script between the two): under start nothing removes the file when the server ends, and a crashed
     * server's number may have gone to another process by the next start.
     */
    static Optional<Long> running(Path data) {
        return read(data, 0).map(Long::parseLong).filter(pid -> ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                .map(process -> ours(process.info().commandLine().orElse(null))).orElse(false));
    }

    /** A process whose command line cannot be read (another user's) is taken as ours: better refuse to start than run twice. */
    static boolean ours(String commandLine) {
        return commandLine == null || commandLine.contains("payara-micro.jar") || commandLine.contains("org.relaydesk.launcher")
                || commandLine.contains("bin/relaydesk");
    }

    static Optional<Integer> port(Path data) {
        return read(data, 1).map(Integer::parseInt);
    }

    private static Optional<String> read(Path data, int field) {
        Path file = data.resolve("relaydesk.pid");
        try {
            String[] parts = Files.readString(file, StandardCharsets.UTF_8).trim().split("\\s+");
            return parts.length > field ? Optional.of(parts[field]) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    static void delete(Path data) {
        try {
            Files.deleteIfExists(data.resolve("relaydesk.pid"));
        } catch (IOException ignored) {
            // a stale pid file is detected by liveness on the next start
        }
    }
}
