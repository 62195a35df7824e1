package dev.tenantcore.worker.jobs;

import dev.tenantcore.contracts.events.Topics;
import dev.tenantcore.worker.tenancy.TenantTransactions;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.jspecify.annotations.Nullable;
import org.springframework.kafka.KafkaException;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;

/**
 * Sends a job that will not succeed to {@code <topic>.dlt}, with the exception in the record's headers
 * ({@code kafka_dlt-exception-*}) and its origin ({@code kafka_dlt-original-*}), then marks the job dead with
 * where its dead letter lies. If either step fails the recoverer throws and the record is delivered again:
 * nothing is only logged.
 */
class DeadLetters extends DeadLetterPublishingRecoverer {

    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(10);

    private final JobRecords records;
    private final JobStatuses statuses;
    private final JobMetrics metrics;
    private final TenantTransactions tenants;
    private final ThreadLocal<RecordMetadata> published = new ThreadLocal<>();

    DeadLetters(
            KafkaOperations<?, ?> template,
            JobRecords records,
            JobStatuses statuses,
            JobMetrics metrics,
            TenantTransactions tenants) {
        // A negative partition lets the key choose, so the dead-letter topic may have fewer partitions.
        super(template, (record, exception) -> new TopicPartition(Topics.deadLetter(record.topic()), -1));
        this.records = records;
        this.statuses = statuses;
        this.metrics = metrics;
        this.tenants = tenants;
    }

    @Override
    public void accept(ConsumerRecord<?, ?> record, @Nullable Consumer<?, ?> consumer, Exception exception) {
        try {
            super.accept(record, consumer, exception);
            RecordMetadata letter = published.get();
            if (letter == null) {
                throw new KafkaException("the dead letter of " + record.topic() + " was not sent");
            }
            String type = record.topic().substring(Topics.JOBS_PREFIX.length());
            metrics.outcome(type, "dead");
            records.identity((byte[]) record.value())
                    .ifPresent(job -> tenants.runInOrg(
                            job.orgId(),
                            null,
                            () -> statuses.dead(new JobStatuses.DeadJob(
                                    job.id(),
                                    job.orgId(),
                                    type,
                                    JobRunner.describe(exception),
                                    JobRunner.rejection(exception) != null
                                            ? JobRunner.publicMessage(exception)
                                            : "the job failed and was given up",
                                    letter.topic(),
                                    letter.partition(),
                                    letter.offset()))));
        } finally {
            published.remove();
        }
    }

    @Override
    protected void publish(
            ProducerRecord<Object, Object> outRecord,
            KafkaOperations<Object, Object> template,
            ConsumerRecord<?, ?> inRecord) {
        try {
            published.set(template.send(outRecord)
                    .get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                    .getRecordMetadata());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaException("interrupted while sending a dead letter", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new KafkaException("the dead letter was not sent", e);
        }
    }
}
