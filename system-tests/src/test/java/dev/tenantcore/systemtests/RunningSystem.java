package dev.tenantcore.systemtests;

import dev.tenantcore.engines.test.SharedEngines;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The whole system for black-box tests: the shared real engines of this JVM and each service started
 * from its packaged jar in a JVM of its own, on free ports, the way {@code ./dev up} runs them. Started
 * once per test JVM and stopped when it exits.
 */
final class RunningSystem {

    static final List<String> BACKENDS = List.of("auth-service", "core-service", "search-service", "worker-service");
    /** How long a service may take to become ready ({@code -Dsystem.readyTimeout=<seconds>}, 240 by default). */
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(Long.getLong("system.readyTimeout", 240));

    private static @Nullable RunningSystem instance;

    private final Map<String, Integer> ports = new LinkedHashMap<>();
    private final Map<String, Process> processes = new LinkedHashMap<>();
    private final Path root = projectRoot();
    private final Path logs = root.resolve("system-tests/target/system-logs");
    private final Path jars = root.resolve("system-tests/target/system-jars");
    private final Map<String, Map<String, String>> environments = new LinkedHashMap<>();
    /** The module whose jar each running name runs ({@code core-service-b} runs core-service's). */
    private final Map<String, String> modules = new LinkedHashMap<>();

    private final Map<String, List<String>> arguments = new LinkedHashMap<>();
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();
    private final TraceCollector traces = TraceCollector.start();

    private RunningSystem() {}

    static synchronized RunningSystem get() {
        if (instance == null) {
            var system = new RunningSystem();
            Runtime.getRuntime().addShutdownHook(new Thread(system::stopAll));
            try {
                system.start();
            } catch (RuntimeException failed) {
                // Leave no half-started system behind: the next test class would otherwise meet its ports.
                system.stopAll();
                throw failed;
            }
            instance = system;
        }
        return instance;
    }

    private void start() {
        try {
            Files.createDirectories(logs);
            Files.createDirectories(jars);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // Engines first, each shared with any other test in this JVM.
        var postgres = SharedEngines.postgres();
        var redis = SharedEngines.redis();
        String kafka = SharedEngines.kafka();
        String openSearch = SharedEngines.openSearch();
        var mail = SharedEngines.mail();
        for (String service : BACKENDS) {
            ports.put(service, freePort());
        }
        ports.put("gateway-service", freePort());

        Map<String, String> env = new LinkedHashMap<>();
        env.put("PG_HOST", postgres.host());
        env.put("PG_PORT", Integer.toString(postgres.port()));
        env.put("REDIS_HOST", redis.host());
        env.put("REDIS_PORT", Integer.toString(redis.port()));
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafka);
        env.put("OPENSEARCH_URL", openSearch);
        env.put("SMTP_HOST", "127.0.0.1");
        env.put("SMTP_PORT", Integer.toString(mail.smtpPort()));
        env.put("AUTH_URL", url("auth-service"));
        env.put("CORE_URL", url("core-service"));
        env.put("SEARCH_URL", url("search-service"));
        env.put("WORKER_URL", url("worker-service"));
        // Each service's own property for core's internal API, in case its configuration has no CORE_URL.
        env.put("TENANTCORE_AUTH_CORE_BASEURL", url("core-service"));
        env.put("TENANTCORE_SEARCH_CORE_URL", url("core-service"));
        env.put("TENANTCORE_WORKER_COREURL", url("core-service"));
        env.put("TENANTCORE_SECURITY_JWKSURI", url("auth-service") + "/api/v1/auth/.well-known/jwks.json");
        // Every service exports its spans over OTLP to the test's collector, as a deployment would to its own.
        env.put("MANAGEMENT_TRACING_EXPORT_OTLP_ENABLED", "true");
        env.put("MANAGEMENT_OPENTELEMETRY_TRACING_EXPORT_OTLP_ENDPOINT", traces.endpoint());
        env.put("MANAGEMENT_OPENTELEMETRY_TRACING_EXPORT_SCHEDULEDELAY", "500ms");
        env.put("MANAGEMENT_TRACING_SAMPLING_PROBABILITY", "1.0");
        // A stopping service keeps serving while a gateway that health-checks its instances (every second) takes it
        // out of the choices, as Kubernetes' preStop pause does for its Services.
        env.put("TENANTCORE_SHUTDOWN_DRAIN", "3s");

        for (String service : BACKENDS) {
            launch(service, env);
        }
        for (String service : BACKENDS) {
            awaitReady(service, url(service) + "/actuator/health/readiness");
        }
        launch("gateway-service", env);
        awaitReady("gateway-service", gatewayUrl() + "/api/v1/health");
    }

    private void launch(String service, Map<String, String> env) {
        String module = modules.getOrDefault(service, service);
        Path built = root.resolve(module).resolve("target").resolve(module + "-0.1.0-SNAPSHOT.jar");
        Path jar = jars.resolve(module + ".jar");
        if (!environments.containsKey(module)) {
            if (!Files.isRegularFile(built)) {
                throw new IllegalStateException(built + " is missing: run the system tests with `./mvnw verify`");
            }
            // A copy: a rebuild of the module while the system runs must not pull the classes from under it.
            try {
                Files.copy(built, jar, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot copy " + built, e);
            }
        }
        environments.put(service, env);
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m",
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                "-jar",
                jar.toString(),
                "--server.port=" + ports.get(service)));
        command.addAll(arguments.getOrDefault(service, List.of()));
        var builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(
                        logs.resolve(service + ".log").toFile()));
        builder.environment().putAll(env);
        try {
            processes.put(service, builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + service, e);
        }
    }

    private void awaitReady(String service, String healthUrl) {
        Instant deadline = Instant.now().plus(READY_TIMEOUT);
        var request = HttpRequest.newBuilder(URI.create(healthUrl))
                .timeout(Duration.ofSeconds(3))
                .build();
        while (Instant.now().isBefore(deadline)) {
            Process process = processes.get(service);
            if (process != null && !process.isAlive()) {
                throw new IllegalStateException(service + " exited with " + process.exitValue() + "; see " + logs);
            }
            try {
                if (http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep(250);
        }
        throw new IllegalStateException(service + " was not ready within " + READY_TIMEOUT + "; see " + logs);
    }

    /**
     * Starts one more instance of a module's jar under a name of its own, on a free port, with the system's
     * environment and extra command-line arguments, and waits until it is ready; {@link #kill}, {@link #stop}
     * and {@link #restart} take its name.
     *
     * @return its base URL
     */
    String startInstance(String name, String module, List<String> args) {
        if (ports.containsKey(name)) {
            throw new IllegalStateException(name + " exists");
        }
        ports.put(name, freePort());
        modules.put(name, module);
        arguments.put(name, List.copyOf(args));
        launch(name, environments.get(module));
        awaitReady(name, healthUrl(name));
        return url(name);
    }

    private String healthUrl(String name) {
        return modules.getOrDefault(name, name).equals("gateway-service")
                ? url(name) + "/api/v1/health"
                : url(name) + "/actuator/health/readiness";
    }

    /** Kills one service without warning ({@code kill -9}): no shutdown hook, no graceful drain. */
    void kill(String service) {
        Process process = processes.remove(service);
        if (process != null) {
            process.destroyForcibly();
            try {
                process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Starts a stopped or killed service again on its port, with its environment, and waits until it is ready. */
    void restart(String service) {
        if (processes.containsKey(service)) {
            throw new IllegalStateException(service + " is still running");
        }
        launch(service, environments.get(service));
        awaitReady(service, healthUrl(service));
    }

    /** Stops one service as an orchestrator would (SIGTERM, then wait). */
    void stop(String service) {
        Process process = processes.remove(service);
        if (process != null) {
            process.destroy();
            try {
                if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void stopAll() {
        new ArrayList<>(processes.keySet()).reversed().forEach(this::stop);
        traces.stop();
    }

    /** The spans every service exported while this system ran. */
    TraceCollector traces() {
        return traces;
    }

    String gatewayUrl() {
        return url("gateway-service");
    }

    String url(String service) {
        return "http://127.0.0.1:" + ports.get(service);
    }

    private static int freePort() {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Path projectRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("gateway-service")) && Files.isRegularFile(dir.resolve("mvnw"))) {
                return dir;
            }
        }
        throw new IllegalStateException(
                "project root not found from " + Path.of("").toAbsolutePath());
    }
}
