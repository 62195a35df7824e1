package dev.tenantcore.worker.jobs;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.ContextRefreshedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.stereotype.Component;

/**
 * {@code worker.consumer.lag{topic}}: the records of each job topic that the worker's consumer group has not
 * committed yet, from the group's committed offsets and the partitions' end offsets on the broker. Kafka's client
 * metric ({@code kafka.consumer.fetch.manager.records.lag.max}) is per consumer instance and only moves while that
 * consumer fetches, so it goes stale or disappears exactly when consumers are stuck or gone; the group's lag as the
 * broker sees it does not. Computed when scraped, at most every {@link #MAX_AGE}, with one admin client.
 */
@Component
class ConsumerLag implements AutoCloseable {

    static final Duration MAX_AGE = Duration.ofSeconds(5);
    private static final long TIMEOUT_SECONDS = 2;
    private static final Logger log = LoggerFactory.getLogger(ConsumerLag.class);

    private final KafkaAdmin kafkaAdmin;
    private final KafkaListenerEndpointRegistry listeners;
    private final MeterRegistry meters;
    /** Job topics by the consumer group that reads them. */
    private final Map<String, Set<String>> topicsByGroup = new HashMap<>();

    private @Nullable Admin admin;
    private Map<String, Long> lag = Map.of();
    private long computedAt;

    ConsumerLag(KafkaAdmin kafkaAdmin, KafkaListenerEndpointRegistry listeners, MeterRegistry meters) {
        this.kafkaAdmin = kafkaAdmin;
        this.listeners = listeners;
        this.meters = meters;
    }

    /** One gauge per topic the listeners read, registered once they exist. */
    @EventListener(ContextRefreshedEvent.class)
    synchronized void register() {
        for (MessageListenerContainer container : listeners.getAllListenerContainers()) {
            String[] topics = container.getContainerProperties().getTopics();
            String group = container.getGroupId();
            if (topics == null || group == null) {
                continue;
            }
            for (String topic : topics) {
                if (topicsByGroup.computeIfAbsent(group, g -> new HashSet<>()).add(topic)) {
                    Gauge.builder("worker.consumer.lag", this, self -> self.of(topic))
                            .description("Records of the topic not yet committed by the worker's consumer group")
                            .tag("topic", topic)
                            .register(meters);
                }
            }
        }
    }

    /** The topic's lag, at most {@link #MAX_AGE} old; NaN while the broker cannot be asked. */
    synchronized double of(String topic) {
        if (computedAt == 0 || System.nanoTime() - computedAt > MAX_AGE.toNanos()) {
            try {
                lag = compute();
            } catch (ExecutionException | TimeoutException | RuntimeException e) {
                log.debug("consumer lag not computed: {}", e.toString());
                lag = Map.of();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                lag = Map.of();
            }
            computedAt = System.nanoTime();
        }
        Long value = lag.get(topic);
        return value == null ? Double.NaN : value;
    }

    private Map<String, Long> compute() throws ExecutionException, InterruptedException, TimeoutException {
        Admin client = admin();
        Map<String, Long> lags = new HashMap<>();
        for (var entry : topicsByGroup.entrySet()) {
            List<TopicPartition> partitions = client
                    .describeTopics(entry.getValue())
                    .allTopicNames()
                    .get(TIMEOUT_SECONDS, TimeUnit.SECONDS)
                    .values()
                    .stream()
                    .flatMap(topic ->
                            topic.partitions().stream().map(p -> new TopicPartition(topic.name(), p.partition())))
                    .toList();
            Map<TopicPartition, OffsetAndMetadata> committed = client.listConsumerGroupOffsets(entry.getKey())
                    .partitionsToOffsetAndMetadata()
                    .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            var ends = offsets(client, partitions, OffsetSpec.latest());
            // A partition the group never committed is read from the beginning (auto-offset-reset earliest).
            var uncommitted =
                    partitions.stream().filter(p -> committed.get(p) == null).toList();
            var starts = offsets(client, uncommitted, OffsetSpec.earliest());
            for (TopicPartition partition : partitions) {
                OffsetAndMetadata done = committed.get(partition);
                long position = done != null ? done.offset() : starts.getOrDefault(partition, 0L);
                long behind = Math.max(0, ends.getOrDefault(partition, position) - position);
                lags.merge(partition.topic(), behind, Long::sum);
            }
        }
        return lags;
    }

    private static Map<TopicPartition, Long> offsets(Admin client, List<TopicPartition> partitions, OffsetSpec spec)
            throws ExecutionException, InterruptedException, TimeoutException {
        if (partitions.isEmpty()) {
            return Map.of();
        }
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> offsets = client.listOffsets(
                        partitions.stream().collect(Collectors.toMap(Function.identity(), p -> spec)))
                .all()
                .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        return offsets.entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    }

    private Admin admin() {
        if (admin == null) {
            Map<String, Object> config = new HashMap<>(kafkaAdmin.getConfigurationProperties());
            config.put("client.id", "worker-consumer-lag");
            admin = Admin.create(config);
        }
        return admin;
    }

    @Override
    public synchronized void close() {
        if (admin != null) {
            admin.close(Duration.ofSeconds(2));
        }
    }
}
