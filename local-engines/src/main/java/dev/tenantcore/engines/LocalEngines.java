package dev.tenantcore.engines;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

/**
 * Runs every engine of the local system until this JVM is told to stop ({@code ./dev up}).
 *
 * <p>Ports come from the environment ({@code PG_PORT}, {@code REDIS_PORT}, {@code KAFKA_PORT},
 * {@code OPENSEARCH_PORT}, {@code SMTP_PORT}, {@code MAIL_VIEWER_PORT}) and data from {@code DATA_DIR}
 * (default {@code .local}), so a restart keeps everything written before. When all engines are up it
 * writes {@code <data>/run/engines.ready}: one line per engine, {@code name address seconds}.
 *
 * <p>{@code ENGINES} (comma-separated names: postgres, redis, kafka, smtp, opensearch; all by default)
 * selects which engines run, e.g. {@code ENGINES=kafka} for a broker that a test can kill on its own.
 */
public final class LocalEngines {

    private LocalEngines() {}

    public static void main(String[] args) throws Exception {
        Path data = Path.of(env("DATA_DIR", ".local")).toAbsolutePath();
        Path run = Files.createDirectories(data.resolve("run"));
        Path ready = run.resolve("engines.ready");
        Files.deleteIfExists(ready);
        Files.writeString(
                run.resolve("engines.pid"),
                Long.toString(ProcessHandle.current().pid()));

        Map<String, Engine> started = new ConcurrentHashMap<>();
        List<String> lines = java.util.Collections.synchronizedList(new ArrayList<>());
        var stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stopAll(started);
            stopped.countDown();
        }));

        Map<String, Supplier<Engine>> engines = new java.util.LinkedHashMap<>();
        engines.put("postgres", () -> PostgresEngine.start(port("PG_PORT", 15432), data.resolve("postgres"), true));
        engines.put("redis", () -> RedisEngine.start(port("REDIS_PORT", 16379), data.resolve("redis"), true));
        engines.put("kafka", () -> KafkaEngine.start(port("KAFKA_PORT", 19092), data.resolve("kafka")));
        engines.put("smtp", () -> MailEngine.start(port("SMTP_PORT", 13025), port("MAIL_VIEWER_PORT", 18025)));
        engines.put(
                "opensearch",
                () -> OpenSearchEngine.start(
                        port("OPENSEARCH_PORT", 19200),
                        data.resolve("opensearch"),
                        data.resolve("logs/opensearch.log")));

        String selected = env("ENGINES", "");
        if (!selected.isBlank()) {
            var names = java.util.Arrays.stream(selected.split(","))
                    .map(String::trim)
                    .toList();
            engines.keySet().retainAll(names);
        }

        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> futures = new ArrayList<>();
            for (var entry : engines.entrySet()) {
                futures.add(pool.submit(() -> {
                    long begin = System.nanoTime();
                    Engine engine = entry.getValue().get();
                    started.put(entry.getKey(), engine);
                    double seconds = Duration.ofNanos(System.nanoTime() - begin).toMillis() / 1000.0;
                    String line = "%s %s %.1f".formatted(engine.name(), engine.address(), seconds);
                    lines.add(line);
                    System.out.println("engine ready: " + line);
                    return null;
                }));
            }
            for (var future : futures) {
                future.get();
            }
        } catch (Exception e) {
            System.err.println("engines failed to start: " + rootMessage(e));
            stopAll(started);
            System.exit(1);
        }
        Files.write(ready, lines);
        System.out.println("all engines ready");
        stopped.await();
    }

    private static void stopAll(Map<String, Engine> started) {
        for (String name : List.of("opensearch", "smtp", "kafka", "redis", "postgres")) {
            Engine engine = started.remove(name);
            if (engine != null) {
                try {
                    engine.close();
                    System.out.println("engine stopped: " + name);
                } catch (RuntimeException e) {
                    System.err.println("engine " + name + " did not stop cleanly: " + rootMessage(e));
                }
            }
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.toString() : root.getMessage();
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    private static int port(String name, int fallback) {
        return Integer.parseInt(env(name, Integer.toString(fallback)));
    }
}
