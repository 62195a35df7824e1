package dev.tenantcore.worker.jobs;

import dev.tenantcore.contracts.events.Topics;
import dev.tenantcore.contracts.jobs.JobTypes;
import dev.tenantcore.worker.config.WorkerProperties;
import dev.tenantcore.worker.tenancy.TenantTransactions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.boot.kafka.autoconfigure.ConcurrentKafkaListenerContainerFactoryConfigurer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.ExponentialBackOffWithMaxRetries;

/**
 * How jobs are consumed. Retries block the failing record's partition for the back-off (1 s, then 2 s: at most
 * 3 s per failing job), which keeps jobs of one key in order and needs no retry topics; other partitions, each
 * with its own consumer thread, go on meanwhile. Non-blocking retry topics would free the partition but
 * reorder a tenant's jobs and add two topics per job type, a poor trade for a 3-second bound.
 */
@Configuration(proxyBeanMethods = false)
class KafkaJobs {

    /** Partitions of each job topic; as many consumer threads per type ({@code spring.kafka.listener.concurrency}). */
    static final int PARTITIONS = 3;

    /** A container stop waits this long for the job in flight; an unfinished one is redelivered later. */
    static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(15);

    @Bean
    DeadLetters deadLetters(
            KafkaOperations<?, ?> template,
            JobRecords records,
            JobStatuses statuses,
            JobMetrics metrics,
            TenantTransactions tenants) {
        return new DeadLetters(template, records, statuses, metrics, tenants);
    }

    @Bean
    DefaultErrorHandler jobErrorHandler(DeadLetters deadLetters, WorkerProperties properties) {
        var retries = properties.retries();
        var backOff = new ExponentialBackOffWithMaxRetries(retries.attempts() - 1);
        backOff.setInitialInterval(retries.initialBackoff().toMillis());
        backOff.setMultiplier(retries.multiplier());
        backOff.setMaxInterval(Duration.ofMinutes(1).toMillis());
        var handler = new DefaultErrorHandler(deadLetters, backOff);
        handler.addNotRetryableExceptions(JobRejected.class);
        // Retry the failed record from memory instead of seeking and fetching it again, so the spacing
        // of attempts is the backoff itself and not the backoff plus a broker round trip.
        handler.setSeekAfterError(false);
        return handler;
    }

    @Bean
    ConcurrentKafkaListenerContainerFactory<Object, Object> kafkaListenerContainerFactory(
            ConcurrentKafkaListenerContainerFactoryConfigurer configurer, ConsumerFactory<Object, Object> consumers) {
        var factory = new ConcurrentKafkaListenerContainerFactory<Object, Object>();
        configurer.configure(factory, consumers);
        var container = factory.getContainerProperties();
        container.setShutdownTimeout(SHUTDOWN_TIMEOUT.toMillis());
        // Offsets are committed once per poll (ack-mode: batch), after every record of it was handled or
        // dead-lettered, and without waiting for the broker: a commit lost in a crash only redelivers jobs, which
        // the processed-job log skips. A commit per record, waited for, cost a broker round trip per job.
        container.setSyncCommits(false);
        // One long-lived platform thread per consumer (not the virtual threads of spring.threads.virtual): a
        // blocking JDBC or broker round trip then wakes the thread directly instead of going through the virtual
        // thread scheduler's poller and carrier, which adds hand-offs to every job's latency on a busy machine.
        container.setListenerTaskExecutor(new SimpleAsyncTaskExecutor("jobs-"));
        return factory;
    }

    @Bean
    KafkaAdmin.NewTopics jobTopics() {
        List<NewTopic> topics = new ArrayList<>();
        for (String type : List.of(JobTypes.EMAIL, JobTypes.REPORT, JobTypes.EXPORT)) {
            topics.add(
                    TopicBuilder.name(Topics.jobs(type)).partitions(PARTITIONS).build());
            topics.add(TopicBuilder.name(Topics.deadLetter(Topics.jobs(type)))
                    .partitions(PARTITIONS)
                    .build());
        }
        return new KafkaAdmin.NewTopics(topics.toArray(NewTopic[]::new));
    }
}
