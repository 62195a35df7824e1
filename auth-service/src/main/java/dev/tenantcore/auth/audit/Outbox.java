package dev.tenantcore.auth.audit;

import dev.tenantcore.contracts.events.EventMetadata;
import dev.tenantcore.contracts.events.IntegrationEvent;
import dev.tenantcore.contracts.events.Topics;
import dev.tenantcore.contracts.jobs.JobRequest;
import java.util.UUID;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.modulith.events.EventExternalizationConfiguration;
import org.springframework.modulith.events.RoutingTarget;

/**
 * The transactional outbox: events and jobs published inside a transaction are stored in {@code event_publication}
 * with it and sent to Kafka after commit. Integration events go to {@code auth.users} keyed by org (or user) id,
 * jobs to {@code jobs.<type>} keyed the same way (the
 * job id when neither is known). Publications that failed to send are
 * resubmitted by {@link OutboxResubmission}.
 */
@Configuration(proxyBeanMethods = false)
class Outbox {

    @Bean
    EventExternalizationConfiguration eventExternalization() {
        return EventExternalizationConfiguration.externalizing()
                .select(event -> event instanceof IntegrationEvent<?> || event instanceof JobRequest)
                .routeAll(Outbox::route)
                .build();
    }

    @Bean
    NewTopic authUsersTopic() {
        return TopicBuilder.name(Topics.AUTH_USERS).partitions(3).build();
    }

    @Bean
    NewTopic emailJobsTopic() {
        return TopicBuilder.name(Topics.jobs(dev.tenantcore.contracts.jobs.JobTypes.EMAIL))
                .partitions(3)
                .build();
    }

    private static RoutingTarget route(Object event) {
        EventMetadata metadata =
                event instanceof JobRequest job ? job.metadata() : ((IntegrationEvent<?>) event).metadata();
        String topic = event instanceof JobRequest ? Topics.jobs(metadata.type()) : Topics.AUTH_USERS;
        UUID key = metadata.orgId() != null ? metadata.orgId() : metadata.actorId();
        return RoutingTarget.forTarget(topic).andKey(key == null ? metadata.id().toString() : key.toString());
    }
}
