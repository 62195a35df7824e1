package dev.tenantcore.auth;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * CPU time spent by this JVM and by the engines' processes (PostgreSQL's postmaster with its backends, Redis), read
 * from {@code /proc}: per operation it shows where a benchmark's CPU goes, and it stays meaningful when other work
 * shares the machine (wall-clock rates do not).
 */
final class CpuMeter {

    record Snapshot(long jvmNanos, long postgresTicks, long redisTicks) {}

    private final long postmaster;
    private final long redis;

    CpuMeter(int postgresPort, int redisPort) {
        this.postmaster = find("postgres", postgresPort);
        this.redis = find("redis-server", redisPort);
    }

    Snapshot now() {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long pg = postmaster < 0 ? 0 : ticks(postmaster, true);
        if (postmaster >= 0) {
            pg += ProcessHandle.of(postmaster).stream()
                    .flatMap(ProcessHandle::children)
                    .mapToLong(child -> ticks(child.pid(), false))
                    .sum();
        }
        return new Snapshot(os.getProcessCpuTime(), pg, redis < 0 ? 0 : ticks(redis, false));
    }

    /** Milliseconds of CPU per operation since {@code before}: JVM, PostgreSQL, Redis. */
    String perOperation(Snapshot before, long operations) {
        Snapshot after = now();
        double n = Math.max(1, operations);
        return String.format(
                Locale.ROOT,
                "CPU ms/op: JVM %.2f, PostgreSQL %.2f, Redis %.2f",
                (after.jvmNanos() - before.jvmNanos()) / 1e6 / n,
                (after.postgresTicks() - before.postgresTicks()) * 10.0 / n,
                (after.redisTicks() - before.redisTicks()) * 10.0 / n);
    }

    private static long find(String command, int port) {
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().command().orElse("").endsWith("/" + command))
                .filter(p -> cmdline(p.pid()).contains(Integer.toString(port)))
                .mapToLong(ProcessHandle::pid)
                .findFirst()
                .orElse(-1);
    }

    private static String cmdline(long pid) {
        try {
            return Files.readString(Path.of("/proc/" + pid + "/cmdline")).replace('\0', ' ');
        } catch (IOException e) {
            return "";
        }
    }

    /** utime + stime (and, for a parent that reaps its children, their times too), in clock ticks (1/100 s). */
    private static long ticks(long pid, boolean withReapedChildren) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            List<String> fields =
                    List.of(stat.substring(stat.lastIndexOf(')') + 2).split(" "));
            // fields[0] is field 3 (state): utime is field 14, stime 15, cutime 16, cstime 17
            long ticks = Long.parseLong(fields.get(11)) + Long.parseLong(fields.get(12));
            if (withReapedChildren) {
                ticks += Long.parseLong(fields.get(13)) + Long.parseLong(fields.get(14));
            }
            return ticks;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
