package dev.tenantcore.worker;

import dev.tenantcore.contracts.events.EventMetadata;
import dev.tenantcore.contracts.jobs.JobRequest;
import dev.tenantcore.engines.test.SharedEngines;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/** Publishes jobs the way producers do (JSON {@link JobRequest} bytes) and reads dead-letter topics back. */
public final class JobTopics {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private JobTopics() {}

    public static JobRequest job(String type, @Nullable UUID orgId, Map<String, Object> payload) {
        return new JobRequest(new EventMetadata(UUID.randomUUID(), type, Instant.now(), orgId, null, null), payload);
    }

    public static void publish(JobRequest job, String key) throws Exception {
        publish("jobs." + job.metadata().type(), key, JSON.writeValueAsBytes(job));
    }

    public static void publish(String topic, String key, byte[] value) throws Exception {
        var properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedEngines.kafka());
        try (var producer = new KafkaProducer<>(properties, new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic, key, value)).get(10, TimeUnit.SECONDS);
        }
    }

    /** The first record of the topic whose value contains the text, searched from the beginning. */
    public static Optional<ConsumerRecord<String, byte[]>> find(String topic, String text, Duration timeout) {
        var properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedEngines.kafka());
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        try (var consumer = new KafkaConsumer<>(properties, new StringDeserializer(), new ByteArrayDeserializer())) {
            var partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Instant deadline = Instant.now().plus(timeout);
            while (Instant.now().isBefore(deadline)) {
                for (var record : consumer.poll(Duration.ofMillis(300))) {
                    if (new String(record.value(), java.nio.charset.StandardCharsets.UTF_8).contains(text)) {
                        return Optional.of(record);
                    }
                }
            }
            return Optional.empty();
        }
    }

    public static String header(ConsumerRecord<?, ?> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? "" : new String(header.value(), java.nio.charset.StandardCharsets.UTF_8);
    }
}
