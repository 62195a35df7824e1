package dev.tenantcore.worker.maintenance;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

/**
 * Runs a maintenance task and records it: {@code worker.maintenance.runs{task,outcome}} (succeeded, failed) and
 * {@code worker.maintenance.items{task,effect}} (rows removed, partitions created or dropped, caches warmed). A
 * failed run is logged and counted, never thrown: the scheduler would only log it too, and the next period
 * tries again (alert on {@code outcome="failed"}).
 */
@Component
class MaintenanceRuns {

    private static final Logger log = LoggerFactory.getLogger(MaintenanceRuns.class);

    private final MeterRegistry meters;

    MaintenanceRuns(MeterRegistry meters) {
        this.meters = meters;
    }

    void run(String task, Runnable work) {
        long started = System.nanoTime();
        try {
            work.run();
            count(task, "succeeded");
            log.info("maintenance task {} done in {} ms", task, (System.nanoTime() - started) / 1_000_000);
        } catch (RuntimeException e) {
            count(task, "failed");
            log.warn("maintenance task {} failed, next try at the next period: {}", task, cause(e));
        }
    }

    /** Records what a run did, e.g. {@code removed} 42 rows. */
    void items(String task, String effect, long count) {
        Counter.builder("worker.maintenance.items")
                .description("What maintenance tasks did: rows removed, partitions created or dropped, caches warmed")
                .tag("task", task)
                .tag("effect", effect)
                .register(meters)
                .increment(count);
        log.info("maintenance task {}: {} {}", task, effect, count);
    }

    private void count(String task, String outcome) {
        Counter.builder("worker.maintenance.runs")
                .description("Maintenance task runs on this replica, by outcome")
                .tag("task", task)
                .tag("outcome", outcome)
                .register(meters)
                .increment();
    }

    private static String cause(RuntimeException e) {
        return e instanceof DataAccessException data
                ? data.getMostSpecificCause().toString()
                : e.toString();
    }
}
