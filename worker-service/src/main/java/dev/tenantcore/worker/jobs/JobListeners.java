package dev.tenantcore.worker.jobs;

import dev.tenantcore.contracts.jobs.JobTypes;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * The Kafka adapter: one listener per job type on {@code jobs.<type>}. Retries and dead letters are the
 * error handler's ({@link KafkaJobs}); the work is the {@link JobRunner}'s.
 */
@Component
class JobListeners {

    private final JobRunner runner;

    JobListeners(JobRunner runner) {
        this.runner = runner;
    }

    @KafkaListener(id = "jobs.email", idIsGroup = false, topics = "jobs." + JobTypes.EMAIL)
    void email(ConsumerRecord<String, byte[]> record) {
        runner.run(JobTypes.EMAIL, record);
    }

    @KafkaListener(id = "jobs.report", idIsGroup = false, topics = "jobs." + JobTypes.REPORT)
    void report(ConsumerRecord<String, byte[]> record) {
        runner.run(JobTypes.REPORT, record);
    }

    @KafkaListener(id = "jobs.export", idIsGroup = false, topics = "jobs." + JobTypes.EXPORT)
    void export(ConsumerRecord<String, byte[]> record) {
        runner.run(JobTypes.EXPORT, record);
    }
}
