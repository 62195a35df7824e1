package dev.tenantcore.engines.test;

import dev.tenantcore.engines.KafkaEngine;
import dev.tenantcore.engines.MailEngine;
import dev.tenantcore.engines.OpenSearchEngine;
import dev.tenantcore.engines.PostgresEngine;
import dev.tenantcore.engines.RedisEngine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.jspecify.annotations.Nullable;

/**
 * One instance of each engine per JVM, started on first use and stopped when the JVM exits. Tests in
 * one Surefire fork share them, so a module pays each engine's start-up once.
 *
 * <p>Kafka runs inside this JVM, unless {@code -Dtenantcore.kafka=process} asks for a JVM of its own
 * (system tests, which kill the broker). Fault tests {@link #kill} an engine and {@link #restart} it on the
 * same port and data: Kafka in its own JVM, Redis and OpenSearch always.
 */
public final class SharedEngines {

    private static final boolean CONTAINERS = "containers".equals(System.getProperty("infra"));
    private static final boolean KAFKA_PROCESS = "process".equals(System.getProperty("tenantcore.kafka"));

    private static @Nullable PostgresEndpoint postgres;
    private static @Nullable RedisEndpoint redis;
    private static @Nullable String kafka;
    private static @Nullable String openSearch;
    private static @Nullable OpenSearchEngine openSearchEngine;
    private static @Nullable RedisEngine redisEngine;
    private static @Nullable EngineProcess kafkaProcess;
    private static int redisPort;
    private static @Nullable Path redisData;
    private static @Nullable Path openSearchData;
    private static @Nullable MailEngine mail;

    private SharedEngines() {}

    /** PostgreSQL with the system's database, roles and schemas. */
    public static synchronized PostgresEndpoint postgres() {
        if (postgres == null) {
            if (CONTAINERS) {
                postgres = Containers.postgres();
            } else {
                var engine = PostgresEngine.start(0, tempDir("postgres"), false);
                stopOnExit(engine);
                postgres = new PostgresEndpoint("127.0.0.1", engine.port(), PostgresEngine.DATABASE);
            }
        }
        return postgres;
    }

    public static synchronized RedisEndpoint redis() {
        if (redis == null) {
            if (CONTAINERS) {
                redis = Containers.redis();
            } else {
                redisPort = freePort(1);
                redisData = tempDir("redis");
                redisEngine = RedisEngine.start(redisPort, redisData, false);
                stopOnExit(() -> closeIfStarted(redisEngine));
                redis = new RedisEndpoint("127.0.0.1", redisPort);
            }
        }
        return redis;
    }

    /** Kafka bootstrap servers. */
    public static synchronized String kafka() {
        if (kafka == null) {
            if (CONTAINERS) {
                kafka = Containers.kafka();
            } else if (KAFKA_PROCESS) {
                int port = freePort(2);
                var process = new EngineProcess(
                        "kafka", tempDir("kafka"), java.util.Map.of("KAFKA_PORT", Integer.toString(port)));
                process.start();
                kafkaProcess = process;
                stopOnExit(process);
                kafka = "127.0.0.1:" + port;
            } else {
                var engine = KafkaEngine.start(freePort(2), tempDir("kafka"));
                stopOnExit(engine);
                kafka = engine.bootstrapServers();
            }
        }
        return kafka;
    }

    /** The OpenSearch base URL. */
    public static synchronized String openSearch() {
        if (openSearch == null) {
            if (CONTAINERS) {
                openSearch = Containers.openSearch();
            } else {
                int port = freePort(1);
                openSearchData = tempDir("opensearch");
                openSearchEngine =
                        OpenSearchEngine.start(port, openSearchData, openSearchData.resolve("opensearch.log"));
                stopOnExit(() -> closeIfStarted(openSearchEngine));
                openSearch = openSearchEngine.url();
            }
        }
        return openSearch;
    }

    /** The embedded OpenSearch node, for tests that stop it; empty under Testcontainers. */
    public static synchronized @Nullable OpenSearchEngine openSearchEngine() {
        openSearch();
        return openSearchEngine;
    }

    /** An SMTP server that keeps what it receives (in this JVM under both modes). */
    public static synchronized MailEngine mail() {
        if (mail == null) {
            mail = MailEngine.start(0, -1);
            stopOnExit(mail);
        }
        return mail;
    }

    /**
     * Kills an engine started by this class without warning ({@code kill -9}): {@code kafka} (only with
     * {@code -Dtenantcore.kafka=process}), {@code redis} or {@code opensearch}.
     */
    public static synchronized void kill(String engine) {
        switch (engine) {
            case "kafka" -> kafkaProcess().kill();
            case "redis" -> killTree(pidOf(requireStarted(redisData, engine).resolve("redis.pid")));
            case "opensearch" -> {
                var node = requireStarted(openSearchEngine, engine).process();
                node.destroyForcibly();
                node.onExit().join();
            }
            default -> throw new IllegalArgumentException("cannot kill " + engine);
        }
    }

    /**
     * Starts a killed engine again on its port with its data (Redis starts empty, as a cache without
     * persistence would) and waits until it answers.
     */
    public static synchronized void restart(String engine) {
        switch (engine) {
            case "kafka" -> kafkaProcess().start();
            case "redis" -> redisEngine = RedisEngine.start(redisPort, requireStarted(redisData, engine), false);
            case "opensearch" -> {
                Path data = requireStarted(openSearchData, engine);
                openSearchEngine = OpenSearchEngine.start(
                        requireStarted(openSearchEngine, engine).port(), data, data.resolve("opensearch.log"));
            }
            default -> throw new IllegalArgumentException("cannot restart " + engine);
        }
    }

    private static EngineProcess kafkaProcess() {
        kafka();
        if (kafkaProcess == null) {
            throw new IllegalStateException(
                    "Kafka runs inside this JVM: start the tests with -Dtenantcore.kafka=process");
        }
        return kafkaProcess;
    }

    private static <T> T requireStarted(@Nullable T started, String engine) {
        if (started == null) {
            throw new IllegalStateException(engine + " is not an engine started by this JVM");
        }
        return started;
    }

    private static long pidOf(Path pidFile) {
        try {
            return Long.parseLong(Files.readString(pidFile).trim());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void killTree(long pid) {
        ProcessHandle.of(pid).ifPresent(process -> {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            process.onExit().join();
        });
    }

    private static void closeIfStarted(@Nullable AutoCloseable engine) throws Exception {
        if (engine != null) {
            engine.close();
        }
    }

    private static void stopOnExit(AutoCloseable engine) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                engine.close();
            } catch (Exception ignored) {
                // the JVM is ending
            }
        }));
    }

    static Path tempDir(String name) {
        try {
            return Files.createTempDirectory("tenantcore-test-" + name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A free port whose {@code span - 1} successors are free too. */
    static int freePort(int span) {
        for (int attempt = 0; attempt < 50; attempt++) {
            int port;
            try (var socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (port + span < 65535 && rangeFree(port + 1, span - 1)) {
                return port;
            }
        }
        throw new IllegalStateException("no free port range of " + span);
    }

    private static boolean rangeFree(int from, int count) {
        for (int p = from; p < from + count; p++) {
            try (var socket = new ServerSocket(p)) {
                socket.setReuseAddress(true);
            } catch (IOException taken) {
                return false;
            }
        }
        return true;
    }

    /** Where PostgreSQL listens. */
    public record PostgresEndpoint(String host, int port, String database) {

        public String jdbcUrl() {
            return "jdbc:postgresql://" + host + ":" + port + "/" + database;
        }

        /** A connection as one of the system's roles, e.g. {@code core_app}. */
        public Connection connect(String role) throws SQLException {
            return DriverManager.getConnection(jdbcUrl(), role, role);
        }

        /** A superuser connection, for test set-up only. */
        public Connection superuser() throws SQLException {
            return DriverManager.getConnection(jdbcUrl(), PostgresEngine.SUPERUSER, PostgresEngine.SUPERUSER);
        }
    }

    /** Where Redis listens. */
    public record RedisEndpoint(String host, int port) {}
}
