package dev.tenantcore.engines.test;

import java.util.List;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/** The shared Kafka broker as connection details. */
@TestConfiguration(proxyBeanMethods = false)
public class KafkaTestConfiguration {

    @Bean
    KafkaConnectionDetails kafkaConnectionDetails() {
        String servers = SharedEngines.kafka();
        return () -> List.of(servers);
    }
}
