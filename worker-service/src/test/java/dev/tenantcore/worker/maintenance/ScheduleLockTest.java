package dev.tenantcore.worker.maintenance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantcore.worker.WorkerServiceTest;
import dev.tenantcore.worker.tenancy.TenantTransactions;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.lang.reflect.Method;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import net.javacrumbs.shedlock.core.DefaultLockingTaskExecutor;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.test.util.AopTestUtils;

@WorkerServiceTest
class ScheduleLockTest {

    @Autowired
    DataSource dataSource;

    @Autowired
    Maintenance maintenance;

    @Autowired
    AuthMaintenance authMaintenance;

    @Autowired
    CoreMaintenance coreMaintenance;

    @Autowired
    MeterRegistry meters;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TenantTransactions tenants;

    final Map<String, UUID> ids = new HashMap<>();

    /** Two replicas, each with its own lock provider on the same table, fire the task at the same moments. */
    @Test
    void twoInstancesRunATaskOncePerPeriod() throws Exception {
        String task = "test-task-" + UUID.randomUUID();
        var replicas = List.of(
                new DefaultLockingTaskExecutor(Scheduling.lockProvider(dataSource, "worker")),
                new DefaultLockingTaskExecutor(Scheduling.lockProvider(dataSource, "worker")));
        int periods = 3;
        var runs = new AtomicInteger();
        var barrier = new CyclicBarrier(replicas.size());
        List<Thread> threads = new ArrayList<>();
        for (var replica : replicas) {
            threads.add(Thread.ofPlatform().start(() -> {
                try {
                    for (int period = 0; period < periods; period++) {
                        barrier.await();
                        replica.executeWithLock(
                                (Runnable) runs::incrementAndGet,
                                new LockConfiguration(
                                        Instant.now(), task, Duration.ofSeconds(30), Duration.ofMillis(500)));
                        Thread.sleep(700);
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }

        assertThat(runs.get()).isEqualTo(periods);
    }

    /**
     * Every scheduled task of the worker, by its own lock name, on two replicas (each with its own lock provider on
     * the same table) fired at the same moments: each task's body runs once per period. The replicas run the
     * beans' bodies (unproxied) under their own executors, with the lock held at least 1 s instead of the
     * production minute so that three periods take seconds.
     */
    @Test
    void twoInstancesRunEveryScheduledTaskOncePerPeriod() throws Exception {
        StandIns.create();
        StandIns.unlockAll();
        List<ScheduledTask> tasks = new ArrayList<>();
        for (Object bean : List.of(maintenance, authMaintenance, coreMaintenance)) {
            Object target = AopTestUtils.getUltimateTargetObject(bean);
            for (Method method : target.getClass().getDeclaredMethods()) {
                if (method.isAnnotationPresent(Scheduled.class)) {
                    tasks.add(new ScheduledTask(
                            target,
                            method,
                            method.getAnnotation(SchedulerLock.class).name()));
                }
            }
        }
        assertThat(tasks).hasSize(9).allSatisfy(task -> assertThat(task.lock()).startsWith("worker."));
        Map<String, Double> before = new HashMap<>();
        tasks.forEach(task -> before.put(task.lock(), runs(task)));
        var replicas = List.of(
                new DefaultLockingTaskExecutor(Scheduling.lockProvider(dataSource, "worker")),
                new DefaultLockingTaskExecutor(Scheduling.lockProvider(dataSource, "worker")));
        int periods = 3;
        var barrier = new CyclicBarrier(replicas.size() * tasks.size());
        List<Thread> threads = new ArrayList<>();
        for (var replica : replicas) {
            for (var task : tasks) {
                threads.add(Thread.ofPlatform().start(() -> {
                    try {
                        for (int period = 0; period < periods; period++) {
                            barrier.await();
                            long start = System.nanoTime();
                            replica.executeWithLock(
                                    (Runnable) task::run,
                                    new LockConfiguration(
                                            Instant.now(), task.lock(), Duration.ofSeconds(30), Duration.ofSeconds(1)));
                            Thread.sleep(Math.max(0, 1300 - (System.nanoTime() - start) / 1_000_000));
                        }
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }));
            }
        }
        for (Thread thread : threads) {
            thread.join();
        }

        for (var task : tasks) {
            assertThat(runs(task) - before.get(task.lock())).as(task.lock()).isEqualTo(periods);
        }
    }

    /** A scheduled method of a maintenance bean, by the name of its ShedLock lock. */
    record ScheduledTask(Object target, Method method, String lock) {
        void run() {
            try {
                method.invoke(target);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** Runs of the task on any replica, whatever their outcome (the task tag is the lock name without "worker."). */
    private double runs(ScheduledTask task) {
        return meters
                .find("worker.maintenance.runs")
                .tag("task", task.lock().substring("worker.".length()))
                .counters()
                .stream()
                .mapToDouble(Counter::count)
                .sum();
    }

    /** Across orgs and for jobs without one: the purge is the one operation that spans orgs. */
    @Test
    void purgeDeletesFinishedJobsAndProcessedIdsPastRetentionOnlyInEveryOrg() {
        UUID org = UUID.randomUUID();
        List<UUID> orgs = java.util.Arrays.asList(null, org);
        for (UUID owner : orgs) {
            tenants.runInOrg(owner, null, () -> {
                for (String age : List.of("40 days", "1 hour")) {
                    UUID id = UUID.randomUUID();
                    ids.put(owner + age, id);
                    jdbc.sql("INSERT INTO jobs (id, org_id, type, status, finished_at)"
                                    + " VALUES (?, ?, 'email', 'succeeded', now() - ?::interval)")
                            .params(id, owner, age)
                            .update();
                    jdbc.sql("INSERT INTO processed_jobs (job_id, org_id, job_type, state, done_at)"
                                    + " VALUES (?, ?, 'email', 'done', now() - ?::interval)")
                            .params(id, owner, age)
                            .update();
                }
            });
        }

        // Called on the bean, the run takes the task's ShedLock lock like the schedule does.
        maintenance.purgeExpired();

        for (UUID owner : orgs) {
            UUID old = ids.get(owner + "40 days");
            UUID recent = ids.get(owner + "1 hour");
            assertThat(count(owner, "jobs", "id", old)).isZero();
            assertThat(count(owner, "processed_jobs", "job_id", old)).isZero();
            assertThat(count(owner, "jobs", "id", recent)).isOne();
            assertThat(count(owner, "processed_jobs", "job_id", recent)).isOne();
        }
        assertThat(jdbc.sql("SELECT count(*) FROM shedlock WHERE name = ?")
                        .param(Maintenance.PURGE_LOCK)
                        .query(Integer.class)
                        .single())
                .isOne();
    }

    private int count(@Nullable UUID org, String table, String column, UUID id) {
        return tenants.inOrg(
                org,
                null,
                () -> jdbc.sql("SELECT count(*) FROM " + table + " WHERE " + column + " = ?")
                        .param(id)
                        .query(Integer.class)
                        .single());
    }
}
