package dev.tenantcore.worker.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tenantcore.contracts.jobs.JobTypes;
import dev.tenantcore.worker.CoreStub;
import dev.tenantcore.worker.JobTopics;
import dev.tenantcore.worker.WorkerServiceTest;
import dev.tenantcore.worker.tenancy.TenantTransactions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * A worker killed in the middle of a job: a second worker instance (a consumer in the same group, driving the
 * production {@link JobRunner} with the same bookkeeping) takes a job, records its start and dies inside the
 * handler: its consumer is closed without committing, and its handler thread never returns, as after
 * {@code kill -9}. The group rebalances to the surviving instance (this application's listener), which is
 * redelivered the job and has its effect exactly once.
 */
@WorkerServiceTest
class KillMidJobTest {

    @Autowired
    KafkaListenerEndpointRegistry listeners;

    @Autowired
    ConsumerFactory<?, ?> consumers;

    @Autowired
    JobRecords records;

    @Autowired
    JobStatuses statuses;

    @Autowired
    ProcessedJobs processed;

    @Autowired
    TenantTransactions tenants;

    @Autowired
    JobMetrics metrics;

    @Autowired
    JdbcClient jdbc;

    final CoreStub core = CoreStub.get();
    final UUID org = UUID.randomUUID();

    @Test
    void jobOfAKilledWorkerIsRedeliveredToTheSurvivorAndHasItsEffectOnce() throws Exception {
        core.export(org, "{\"type\":\"organization\",\"data\":{}}\n");
        var job = JobTopics.job(JobTypes.EXPORT, org, Map.of());
        UUID id = job.metadata().id();
        MessageListenerContainer survivor = listeners.getListenerContainer("jobs." + JobTypes.EXPORT);
        // The survivor steps aside so that the doomed instance is assigned every partition of the topic.
        survivor.stop();
        try {
            var started = new CountDownLatch(1);
            var doomed = new JobRunner(
                    List.of(new DiesInTheMiddle(started)), records, statuses, processed, tenants, metrics);
            var properties = new Properties();
            properties.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, "6000");
            try (@SuppressWarnings("unchecked")
                    Consumer<String, byte[]> consumer = (Consumer<String, byte[]>)
                            consumers.createConsumer("worker-service", "doomed", null, properties)) {
                consumer.subscribe(List.of("jobs." + JobTypes.EXPORT));
                JobTopics.publish(job, org.toString());
                ConsumerRecord<String, byte[]> record = poll(consumer, id);
                Thread.ofVirtual().start(() -> doomed.run(JobTypes.EXPORT, record));
                assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
                assertThat(status(id)).isEqualTo("running");
                // Killed: no offset is committed (auto-commit is off and nothing acknowledged the record).
            }
            survivor.start();

            await().atMost(Duration.ofSeconds(20)).until(() -> status(id).equals("succeeded"));
            JobView view =
                    tenants.inOrg(org, null, () -> statuses.find(org, id)).orElseThrow();
            assertThat(view.attempts())
                    .as("the killed attempt and the survivor's")
                    .isEqualTo(2);
            assertThat(core.exportRequests(org)).as("the effect's work, once").hasSize(1);
            assertThat(tenants.inOrg(
                            org,
                            null,
                            () -> jdbc.sql("SELECT count(*) FROM reports WHERE id = ?")
                                    .param(id)
                                    .query(Long.class)
                                    .single()))
                    .isOne();
            assertThat(tenants.inOrg(
                            org,
                            null,
                            () -> jdbc.sql("SELECT state FROM processed_jobs WHERE job_id = ?")
                                    .param(id)
                                    .query(String.class)
                                    .single()))
                    .isEqualTo("done");
        } finally {
            if (!survivor.isRunning()) {
                survivor.start();
            }
        }
    }

    private static ConsumerRecord<String, byte[]> poll(Consumer<String, byte[]> consumer, UUID id) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            for (var record : consumer.poll(Duration.ofMillis(200))) {
                if (new String(record.value(), java.nio.charset.StandardCharsets.UTF_8).contains(id.toString())) {
                    return record;
                }
            }
        }
        throw new AssertionError("the doomed instance never received job " + id);
    }

    private String status(UUID id) {
        return tenants.inOrg(org, null, () -> statuses.find(org, id))
                .map(JobView::status)
                .orElse("none");
    }

    /** An export handler whose process dies once the job has started: its thread never returns. */
    private record DiesInTheMiddle(CountDownLatch started) implements JobHandler {

        @Override
        public String type() {
            return JobTypes.EXPORT;
        }

        @Override
        public void handle(Job job, JobCommit commit) {
            started.countDown();
            while (true) {
                LockSupport.park(this);
                Thread.interrupted();
            }
        }
    }
}
