package dev.tenantcore.auth;

import static dev.tenantcore.auth.Api.PASSWORD;

import dev.tenantcore.auth.accounts.Passwords;
import dev.tenantcore.engines.test.SharedEngines;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The benchmark command (prints numbers, asserts nothing; skipped unless {@code -Dbenchmark=true}):
 *
 * <pre>
 * ./mvnw -B -o verify -pl auth-service -Dtest=AuthBenchmark -Dbenchmark=true -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 *
 * Measures, on this machine and in the shared test context: raw Argon2id verifications per second at the service's
 * parameters (in-process, one thread per core), password logins per second over HTTP (the same concurrency) and
 * their ratio, and refresh-token grants per second over HTTP, each after an unmeasured warm-up that lasts until the
 * JIT has settled (at most {@code -Dbenchmark.warmup-seconds}, 300), with the CPU time per operation of this JVM and of PostgreSQL (from
 * {@code /proc}: meaningful even when other work shares the machine). Duration per phase: {@code -Dbenchmark.seconds}
 * (10).
 */
@AuthServiceTest
@EnabledIfSystemProperty(named = "benchmark", matches = "true")
class AuthBenchmark {

    @LocalServerPort
    int port;

    @Test
    void loginAndRefreshThroughput() throws Exception {
        int cores = Runtime.getRuntime().availableProcessors();
        Duration phase = Duration.ofSeconds(Long.getLong("benchmark.seconds", 10));
        // The longest warm-up per phase; it ends earlier once the JIT has settled (see warmUp).
        Duration warmUp = Duration.ofSeconds(Long.getLong("benchmark.warmup-seconds", 300));
        // Enough concurrent clients to keep the cores busy while requests wait on the database and Kafka: a
        // closed loop with fewer clients measures latency, not what the service can take.
        int clients = Integer.getInteger("benchmark.clients", cores * 8);

        var cpu = new CpuMeter(
                SharedEngines.postgres().port(), SharedEngines.redis().port());
        var passwords = new Passwords();
        String hash = passwords.hash(PASSWORD);
        warmUp(warmUp, () -> rate(cores, Duration.ofSeconds(5), i -> () -> passwords.matches(PASSWORD, hash)));
        var beforeHashes = cpu.now();
        var hashCount = new AtomicLong();
        double hashes = rate(cores, phase, i -> () -> {
            passwords.matches(PASSWORD, hash);
            return hashCount.incrementAndGet();
        });
        String hashCpu = cpu.perOperation(beforeHashes, hashCount.get());
        // The encoder unguarded, as many threads as HTTP clients: what the machine does without a limit.
        var bare = new org.springframework.security.crypto.argon2.Argon2PasswordEncoder(
                16, 32, Passwords.PARALLELISM, Passwords.MEMORY_KIB, Passwords.ITERATIONS);
        double crowded = rate(cores * 2, phase, i -> () -> bare.matches(PASSWORD, hash));

        List<String> emails = new ArrayList<>();
        Api setup = new Api(port);
        for (int i = 0; i < clients; i++) {
            String email = Api.uniqueEmail("bench");
            setup.signUpConfirmed(email);
            emails.add(email);
        }
        List<Api> apis = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            apis.add(new Api(port));
        }
        // Refresh grants first. Each phase has an unmeasured warm-up: connections, signing-key cache and the JIT. At
        // tens of logins per second the request path reaches the compiler's thresholds slowly (the compiler threads
        // took a third of a core through the first minute of logins), and that is start-up, not throughput. So a
        // warm-up runs until compiling has settled (or a limit), and each phase reports the compiling left in it.
        List<String[]> refresh = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            refresh.add(new String[] {
                apis.get(i)
                        .login(emails.get(i), PASSWORD)
                        .data()
                        .path("refreshToken")
                        .asString()
            });
        }
        warmUp(
                warmUp,
                () -> rate(clients, Duration.ofSeconds(5), i -> () -> {
                    var response = check(apis.get(i).refresh(refresh.get(i)[0]));
                    refresh.get(i)[0] = response.data().path("refreshToken").asString();
                    return true;
                }));
        long compiledBeforeRefreshes = compilingMillis();
        var beforeRefreshes = cpu.now();
        var refreshCount = new AtomicLong();
        double refreshes = rate(clients, phase, i -> () -> {
            var response = check(apis.get(i).refresh(refresh.get(i)[0]));
            refresh.get(i)[0] = response.data().path("refreshToken").asString();
            return refreshCount.incrementAndGet();
        });
        String refreshCpu = cpu.perOperation(beforeRefreshes, refreshCount.get());
        long refreshCompiling = compilingMillis() - compiledBeforeRefreshes;

        // Logins after the refreshes: most of the request path is theirs too, and is compiled by now.
        warmUp(
                warmUp,
                () -> rate(
                        clients,
                        Duration.ofSeconds(5),
                        i -> () -> check(apis.get(i).login(emails.get(i), PASSWORD))));
        // The raw rate again right before and right after the logins: this machine's speed drifts by a third over
        // minutes (shared cores), so the ratio compares the logins with the hashes of the same minute.
        double hashesBefore = rate(cores, phase, i -> () -> passwords.matches(PASSWORD, hash));
        long compiledBeforeLogins = compilingMillis();
        var beforeLogins = cpu.now();
        var loginCount = new AtomicLong();
        double logins = rate(clients, phase, i -> () -> {
            check(apis.get(i).login(emails.get(i), PASSWORD));
            return loginCount.incrementAndGet();
        });
        String loginCpu = cpu.perOperation(beforeLogins, loginCount.get());
        long loginCompiling = compilingMillis() - compiledBeforeLogins;
        double hashesAfter = rate(cores, phase, i -> () -> passwords.matches(PASSWORD, hash));
        double hashesAround = (hashesBefore + hashesAfter) / 2;

        System.out.printf(
                Locale.ROOT,
                """
                ==== auth-service benchmark (%d cores, %d s per phase, %d HTTP clients) ====
                raw Argon2id verifications/s (m=%d KiB, t=%d, p=%d, %d threads): %.1f
                  %s
                same, %d threads without the per-core limit: %.1f
                password logins/s over HTTP: %.1f  (ratio to raw hashes: %.2f; raw right before and after: %.1f, %.1f)
                  %s (the benchmark's HTTP clients run in this JVM too); JIT compiling during the phase: %d ms
                refresh-token grants/s over HTTP: %.1f
                  %s; JIT compiling during the phase: %d ms
                load average at the end: %s
                %n""",
                cores,
                phase.toSeconds(),
                clients,
                Passwords.MEMORY_KIB,
                Passwords.ITERATIONS,
                Passwords.PARALLELISM,
                cores,
                hashes,
                hashCpu,
                cores * 2,
                crowded,
                logins,
                logins / hashesAround,
                hashesBefore,
                hashesAfter,
                loginCpu,
                loginCompiling,
                refreshes,
                refreshCpu,
                refreshCompiling,
                loadAverage());
    }

    /**
     * Runs the 5-second round until the JIT compiled for less than {@value #SETTLED_PERCENT} % of the time of two
     * rounds in a row, at most for {@code limit} (then the phase reports the compiling it still includes).
     */
    private static void warmUp(Duration limit, Callable<?> round) throws Exception {
        long start = System.nanoTime();
        long end = start + limit.toNanos();
        int rounds = 0;
        int settledRounds = 0;
        while (true) {
            long compiled = compilingMillis();
            long roundStart = System.nanoTime();
            round.call();
            rounds++;
            long roundMillis = (System.nanoTime() - roundStart) / 1_000_000;
            long compiling = compilingMillis() - compiled;
            boolean settled = compiling * 100 < roundMillis * SETTLED_PERCENT;
            settledRounds = settled ? settledRounds + 1 : 0;
            if (settledRounds >= 2 || System.nanoTime() > end) {
                System.out.printf(
                        Locale.ROOT,
                        "warm-up: %d s, %s (last round compiled %d ms in %d ms)%n",
                        (System.nanoTime() - start) / 1_000_000_000,
                        settled ? "JIT settled" : "limit reached",
                        compiling,
                        roundMillis);
                return;
            }
        }
    }

    private static final int SETTLED_PERCENT = 3;

    /** The JIT's accumulated compile time (all compiler threads), in milliseconds. */
    private static long compilingMillis() {
        return java.lang.management.ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
    }

    private static String loadAverage() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg"))
                    .strip();
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }

    private static Api.Response check(Api.Response response) {
        if (response.status() != 200) {
            throw new AssertionError("unexpected answer: " + response.raw().body());
        }
        return response;
    }

    /** Operations per second of {@code threads} threads each running its task in a loop for the duration. */
    private static double rate(int threads, Duration duration, java.util.function.IntFunction<Callable<?>> task)
            throws Exception {
        var count = new AtomicLong();
        long end = System.nanoTime() + duration.toNanos();
        try (var pool = Executors.newFixedThreadPool(threads)) {
            List<java.util.concurrent.Future<?>> futures = new ArrayList<>();
            long start = System.nanoTime();
            for (int i = 0; i < threads; i++) {
                Callable<?> work = task.apply(i);
                futures.add(pool.submit(() -> {
                    while (System.nanoTime() < end) {
                        work.call();
                        count.incrementAndGet();
                    }
                    return null;
                }));
            }
            for (var future : futures) {
                future.get();
            }
            return count.get() / ((System.nanoTime() - start) / 1e9);
        }
    }
}
