package dev.tenantcore.engines.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Engines of {@code LocalEngines} in a JVM of their own ({@code ENGINES=<names>}), so that a test can kill
 * them with {@code kill -9} and start them again on the same ports and data, as a crashed broker would be.
 */
final class EngineProcess implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

    private final String engines;
    private final Path dataDirectory;
    private final Map<String, String> environment;
    private @Nullable Process process;

    EngineProcess(String engines, Path dataDirectory, Map<String, String> environment) {
        this.engines = engines;
        this.dataDirectory = dataDirectory;
        this.environment = environment;
    }

    /** Starts the engines (again) and waits until they are ready. */
    synchronized void start() {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException(engines + " is still running");
        }
        Path ready = dataDirectory.resolve("run/engines.ready");
        try {
            Files.deleteIfExists(ready);
            var builder = new ProcessBuilder(List.of(
                            Path.of(System.getProperty("java.home"), "bin", "java")
                                    .toString(),
                            "-Xmx384m",
                            "-XX:+UseSerialGC",
                            "-XX:TieredStopAtLevel=1",
                            "-cp",
                            System.getProperty("java.class.path"),
                            "dev.tenantcore.engines.LocalEngines"))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(
                            dataDirectory.resolve("engines.log").toFile()));
            builder.environment().putAll(environment);
            builder.environment().put("ENGINES", engines);
            builder.environment().put("DATA_DIR", dataDirectory.toString());
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + engines, e);
        }
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (!Files.exists(ready)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(engines + " exited with " + process.exitValue() + "; see "
                        + dataDirectory.resolve("engines.log"));
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException(engines + " was not ready within " + START_TIMEOUT);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** Kills the engines' JVM without warning ({@code SIGKILL}): no shutdown hook, nothing flushed. */
    synchronized void kill() {
        if (process != null) {
            process.destroyForcibly();
            try {
                process.waitFor(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public synchronized void close() {
        if (process != null && process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(20, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
