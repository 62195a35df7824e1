package dev.tenantcore.worker.jobs;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * A job type that does nothing, for the benchmark: {@code jobs.noop} with the production runner, error handler and
 * bookkeeping, and a handler that only notes when it was called.
 */
@TestConfiguration(proxyBeanMethods = false)
public class NoopJobs {

    public static final String TYPE = "noop";

    /** Partitions of every job topic. */
    public static final int PARTITIONS = KafkaJobs.PARTITIONS;

    /** When each no-op job's handler started, by job id. */
    public static final Map<UUID, Instant> STARTED = new ConcurrentHashMap<>();

    @Bean
    JobHandler noopHandler() {
        return new JobHandler() {
            @Override
            public String type() {
                return TYPE;
            }

            @Override
            public void handle(Job job, JobCommit commit) {
                STARTED.put(job.id(), Instant.now());
            }
        };
    }

    @Bean
    NoopListener noopListener(JobRunner runner) {
        return new NoopListener(runner);
    }

    @Bean
    KafkaAdmin.NewTopics noopTopics() {
        return new KafkaAdmin.NewTopics(
                TopicBuilder.name("jobs." + TYPE)
                        .partitions(KafkaJobs.PARTITIONS)
                        .build(),
                TopicBuilder.name("jobs." + TYPE + ".dlt")
                        .partitions(KafkaJobs.PARTITIONS)
                        .build());
    }

    static class NoopListener {

        private final JobRunner runner;

        NoopListener(JobRunner runner) {
            this.runner = runner;
        }

        @KafkaListener(id = "jobs.noop", idIsGroup = false, topics = "jobs." + TYPE)
        void noop(ConsumerRecord<String, byte[]> record) {
            runner.run(TYPE, record);
        }
    }
}
