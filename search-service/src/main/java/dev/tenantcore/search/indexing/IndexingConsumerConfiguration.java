package dev.tenantcore.search.indexing;

import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.springframework.boot.kafka.autoconfigure.ConcurrentKafkaListenerContainerFactoryConfigurer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.ConsumerFactory;

/**
 * The indexing consumer's container: Boot's settings (error handler, observation, offsets) plus batch delivery,
 * {@link IndexingProperties#concurrency()} threads and {@link IndexingProperties#maxPollRecords()} per poll.
 */
@Configuration(proxyBeanMethods = false)
class IndexingConsumerConfiguration {

    static final String CONTAINER_FACTORY = "coreEventsContainerFactory";

    @Bean(CONTAINER_FACTORY)
    ConcurrentKafkaListenerContainerFactory<Object, Object> coreEventsContainerFactory(
            ConcurrentKafkaListenerContainerFactoryConfigurer configurer,
            ConsumerFactory<Object, Object> consumerFactory,
            IndexingProperties properties) {
        var factory = new ConcurrentKafkaListenerContainerFactory<Object, Object>();
        configurer.configure(factory, consumerFactory);
        factory.setBatchListener(true);
        factory.setConcurrency(properties.concurrency());
        Properties consumer = new Properties();
        consumer.setProperty(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, Integer.toString(properties.maxPollRecords()));
        factory.getContainerProperties().setKafkaConsumerProperties(consumer);
        return factory;
    }
}
