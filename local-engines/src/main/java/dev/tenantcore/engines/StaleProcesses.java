package dev.tenantcore.engines;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Cleans up after a launcher that was killed with {@code kill -9}: its PostgreSQL and Redis children
 * outlive it, holding their ports and data directories.
 */
public final class StaleProcesses {

    private StaleProcesses() {}

    /** Stops the process whose pid is the first line of the file, if it still runs, then removes the file. */
    public static void stopByPidFile(Path pidFile) {
        readPid(pidFile).flatMap(ProcessHandle::of).ifPresent(StaleProcesses::stop);
        try {
            Files.deleteIfExists(pidFile);
        } catch (IOException e) {
            throw new IllegalStateException("cannot remove stale pid file " + pidFile, e);
        }
    }

    static Optional<Long> readPid(Path pidFile) {
        try {
            if (!Files.isRegularFile(pidFile)) {
                return Optional.empty();
            }
            String first =
                    Files.readAllLines(pidFile).stream().findFirst().orElse("").trim();
            return first.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(first));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    static void stop(ProcessHandle process) {
        process.destroy();
        try {
            process.onExit().get(Duration.ofSeconds(15).toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            process.destroyForcibly();
        }
    }

    /** Fails with a clear message when something else already listens on the port. */
    public static void requireFreePort(String engine, int port) {
        try (var socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
        } catch (IOException free) {
            return;
        }
        throw new IllegalStateException(engine + " cannot start: port " + port
                + " is already in use by another program. Stop it or choose another port (see README).");
    }
}
