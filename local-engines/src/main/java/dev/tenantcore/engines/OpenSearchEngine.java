package dev.tenantcore.engines;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A real OpenSearch node in a JVM of its own (module {@code opensearch-node}): its Netty and log4j
 * versions clash with Spring Boot's, so it cannot share a classpath with the services.
 */
public final class OpenSearchEngine implements Engine {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(180);

    private final Process process;
    private final int port;

    private OpenSearchEngine(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /**
     * Starts the node and waits until the cluster is at least yellow (not merely listening).
     *
     * @param port HTTP port; the transport port is {@code port + 100}
     * @param baseDirectory data, logs and the pid file
     * @param logFile where the node's output goes
     */
    public static OpenSearchEngine start(int port, Path baseDirectory, Path logFile) {
        try {
            Files.createDirectories(baseDirectory);
            Path pidFile = baseDirectory.resolve("opensearch.pid");
            StaleProcesses.stopByPidFile(pidFile);
            StaleProcesses.requireFreePort("OpenSearch", port);
            Path home = nodeHome();
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xms" + heap(),
                    "-Xmx" + heap(),
                    "-XX:+UseSerialGC",
                    "--enable-native-access=ALL-UNNAMED",
                    "-Dlog4j2.disable.jmx=true",
                    "-cp",
                    home.resolve("target/classes") + java.io.File.pathSeparator + home.resolve("target/lib/*"),
                    "dev.tenantcore.opensearch.OpenSearchNode",
                    Integer.toString(port),
                    baseDirectory.toAbsolutePath().toString(),
                    pidFile.toAbsolutePath().toString()));
            Files.createDirectories(logFile.toAbsolutePath().getParent());
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .start();
            var engine = new OpenSearchEngine(process, port);
            engine.awaitYellow();
            return engine;
        } catch (IOException e) {
            throw new UncheckedIOException("OpenSearch did not start", e);
        }
    }

    private static String heap() {
        return System.getProperty("tenantcore.opensearch.heap", "512m");
    }

    /** The {@code opensearch-node} module directory, built with its libraries in {@code target/lib}. */
    static Path nodeHome() {
        String configured = System.getProperty("tenantcore.opensearch.node.home");
        if (configured != null) {
            return Path.of(configured);
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("opensearch-node");
            if (Files.isDirectory(candidate.resolve("target/lib"))) {
                return candidate;
            }
        }
        throw new IllegalStateException(
                "opensearch-node/target/lib not found: build it first (./mvnw -pl opensearch-node package)");
    }

    private void awaitYellow() {
        var client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(1))
                .build();
        var health = HttpRequest.newBuilder(URI.create(url() + "/_cluster/health?wait_for_status=yellow&timeout=1s"))
                .timeout(Duration.ofSeconds(3))
                .build();
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("OpenSearch exited with code " + process.exitValue());
            }
            try {
                var response = client.send(health, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200 && !response.body().contains("\"status\":\"red\"")) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for OpenSearch", e);
            }
            sleep(250);
        }
        close();
        throw new IllegalStateException("OpenSearch was not healthy within " + START_TIMEOUT);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public int port() {
        return port;
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    /** The node's process, for tests that stop and start it. */
    public ProcessHandle process() {
        return process.toHandle();
    }

    @Override
    public String name() {
        return "opensearch";
    }

    @Override
    public String address() {
        return url();
    }

    @Override
    public void close() {
        StaleProcesses.stop(process.toHandle());
    }
}
