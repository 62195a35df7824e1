package dev.tenantcore.support.kafka;

import dev.tenantcore.contracts.events.Topics;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.common.TopicPartition;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * The error handling of an event consumer: while a dependency is down (the failures named transient) a record
 * is retried with exponential backoff for as long as it takes, its offset uncommitted, so nothing is skipped;
 * any other failure means the record can never be applied, and it goes to {@code <topic>.dlt} at once, byte
 * for byte, with the failure in the dead-letter headers, and the partition moves on.
 */
public final class DeadLetters {

    private DeadLetters() {}

    public static DefaultErrorHandler retryTransientElseDeadLetter(
            KafkaOperations<?, ?> kafka,
            Duration firstRetry,
            Duration maxRetryInterval,
            List<Class<? extends Exception>> transientFailures) {
        var recoverer = new DeadLetterPublishingRecoverer(
                kafka, (record, e) -> new TopicPartition(Topics.deadLetter(record.topic()), -1));
        var backOff = new ExponentialBackOff(firstRetry.toMillis(), 2.0);
        backOff.setMaxInterval(maxRetryInterval.toMillis());
        backOff.setMaxElapsedTime(Long.MAX_VALUE);
        var handler = new DefaultErrorHandler(recoverer, backOff);
        handler.defaultFalse();
        transientFailures.forEach(handler::addRetryableExceptions);
        return handler;
    }
}
