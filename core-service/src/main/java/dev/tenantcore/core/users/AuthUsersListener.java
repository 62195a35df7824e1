package dev.tenantcore.core.users;

import dev.tenantcore.contracts.events.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** The Kafka adapter of {@link AuthUserEvents}: records of {@code auth.users}, in per-key order. */
@Component
class AuthUsersListener {

    static final String ID = "auth-users";
    private static final Logger log = LoggerFactory.getLogger(AuthUsersListener.class);

    private final AuthUserEvents events;

    AuthUsersListener(AuthUserEvents events) {
        this.events = events;
    }

    @KafkaListener(id = ID, topics = Topics.AUTH_USERS)
    void on(ConsumerRecord<String, byte[]> record) {
        try {
            var outcome = events.handle(record.topic(), record.value());
            log.debug("{}@{}: {}", record.topic(), record.offset(), outcome);
        } catch (MalformedAuthEvent e) {
            log.error("cannot apply {}@{}, sending it to the DLT: {}", record.topic(), record.offset(), e.getMessage());
            throw e;
        }
    }
}
