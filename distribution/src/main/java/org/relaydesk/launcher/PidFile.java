package org.relaydesk.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** data/relaydesk.pid: "pid port" of the running launcher, for stop and status. */
final class PidFile {
    private PidFile() {
    }

    static void write(Path data, long pid, int port) throws IOException {
        Files.writeString(data.resolve("relaydesk.pid"), pid + " " + port + "\n", StandardCharsets.UTF_8);
    }

    static Optional<Long> running(Path data) {
        return read(data, 0).map(Long::parseLong).filter(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
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
