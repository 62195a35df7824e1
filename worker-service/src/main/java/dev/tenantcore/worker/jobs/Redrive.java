package dev.tenantcore.worker.jobs;

import dev.tenantcore.contracts.events.Topics;
import dev.tenantcore.worker.tenancy.TenantTransactions;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.jspecify.annotations.Nullable;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.stereotype.Component;

/**
 * Re-drives a dead job: reads its record back from the dead-letter topic at the recorded offset and
 * publishes it, key, value and original headers, to the job's topic again, as a queued job with a fresh
 * count of attempts. The job id is unchanged, so a job that had its effect is still not repeated.
 */
@Component
class Redrive {

    private static final Duration READ_TIMEOUT = Duration.ofSeconds(10);

    private final ConsumerFactory<?, ?> consumers;
    private final KafkaTemplate<Object, Object> template;
    private final JobStatuses statuses;
    private final TenantTransactions tenants;

    Redrive(
            ConsumerFactory<?, ?> consumers,
            KafkaTemplate<Object, Object> template,
            JobStatuses statuses,
            TenantTransactions tenants) {
        this.consumers = consumers;
        this.template = template;
        this.statuses = statuses;
        this.tenants = tenants;
    }

    /** False if the job is not dead (or not known in the org; null: among jobs without an org). */
    boolean redrive(@Nullable UUID orgId, UUID jobId) throws Exception {
        Optional<JobStatuses.DeadJob> found = tenants.inOrg(orgId, null, () -> statuses.findDead(orgId, jobId));
        if (found.isEmpty()) {
            return false;
        }
        var dead = found.get();
        ConsumerRecord<?, ?> letter = read(dead);
        if (!tenants.inOrg(orgId, null, () -> statuses.requeued(jobId))) {
            return false;
        }
        try {
            template.send(new ProducerRecord<>(
                            originalTopic(letter), null, letter.key(), letter.value(), originalHeaders(letter)))
                    .get(READ_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            tenants.runInOrg(orgId, null, () -> statuses.dead(dead));
            throw e;
        }
        return true;
    }

    private ConsumerRecord<?, ?> read(JobStatuses.DeadJob dead) {
        var properties = new Properties();
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "1");
        TopicPartition partition = new TopicPartition(dead.topic(), dead.partition());
        try (Consumer<?, ?> consumer = consumers.createConsumer(null, "worker-redrive", null, properties)) {
            consumer.assign(List.of(partition));
            consumer.seek(partition, dead.offset());
            Instant deadline = Instant.now().plus(READ_TIMEOUT);
            while (Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<?, ?> record :
                        consumer.poll(Duration.ofMillis(500)).records(partition)) {
                    if (record.offset() == dead.offset()) {
                        return record;
                    }
                }
            }
        }
        throw new IllegalStateException(
                "dead letter of job " + dead.id() + " not found at " + partition + "@" + dead.offset());
    }

    private static String originalTopic(ConsumerRecord<?, ?> letter) {
        Header original = letter.headers().lastHeader(KafkaHeaders.DLT_ORIGINAL_TOPIC);
        if (original != null) {
            return new String(original.value(), StandardCharsets.UTF_8);
        }
        String topic = letter.topic();
        return topic.substring(0, topic.length() - Topics.DEAD_LETTER_SUFFIX.length());
    }

    private static RecordHeaders originalHeaders(ConsumerRecord<?, ?> letter) {
        var headers = new RecordHeaders();
        for (Header header : letter.headers()) {
            if (!header.key().startsWith("kafka_dlt-")) {
                headers.add(header);
            }
        }
        return headers;
    }
}
