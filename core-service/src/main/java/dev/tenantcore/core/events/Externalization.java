package dev.tenantcore.core.events;

import dev.tenantcore.contracts.events.IntegrationEvent;
import dev.tenantcore.contracts.events.Topics;
import dev.tenantcore.contracts.jobs.JobRequest;
import java.util.Map;
import java.util.TreeSet;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.modulith.events.EventExternalizationConfiguration;
import org.springframework.modulith.events.RoutingTarget;

/**
 * Routes outbox entries to Kafka: events to the topic of their aggregate (the prefix of
 * {@code metadata.type}), jobs to {@code jobs.<type>}, keyed by org id for per-tenant ordering. Routing
 * reads only the metadata, so events re-read from the registry (with untyped payloads) route the same.
 */
@Configuration(proxyBeanMethods = false)
class Externalization {

    static final Map<String, String> TOPICS = Map.of(
            "organization", Topics.CORE_ORGANIZATIONS,
            "member", Topics.CORE_MEMBERSHIPS,
            "assignment", Topics.CORE_MEMBERSHIPS,
            "team", Topics.CORE_TEAMS,
            "project", Topics.CORE_PROJECTS,
            "role", Topics.CORE_ROLES,
            "invitation", Topics.CORE_INVITATIONS);

    /** Core's topics, created at startup (or raised to the configured partitions) by Boot's KafkaAdmin. */
    @Bean
    KafkaAdmin.NewTopics coreTopics(TopicProperties properties) {
        return new KafkaAdmin.NewTopics(new TreeSet<>(TOPICS.values())
                .stream()
                        .map(name -> TopicBuilder.name(name)
                                .partitions(properties.partitions())
                                .replicas(properties.replicationFactor())
                                .build())
                        .toArray(NewTopic[]::new));
    }

    @Bean
    EventExternalizationConfiguration eventExternalization() {
        return EventExternalizationConfiguration.externalizing()
                .select(event -> event instanceof IntegrationEvent<?> || event instanceof JobRequest)
                .routeAll(Externalization::target)
                .build();
    }

    static RoutingTarget target(Object event) {
        return switch (event) {
            case IntegrationEvent<?> e ->
                RoutingTarget.forTarget(topic(e.metadata().type()))
                        .andKey(String.valueOf(e.metadata().orgId()));
            case JobRequest j ->
                RoutingTarget.forTarget(Topics.jobs(j.metadata().type()))
                        .andKey(String.valueOf(j.metadata().orgId()));
            default -> throw new IllegalArgumentException("not an externalized event");
        };
    }

    static String topic(String type) {
        int dot = type.indexOf('.');
        String topic = TOPICS.get(dot < 0 ? type : type.substring(0, dot));
        if (topic == null) {
            throw new IllegalArgumentException("no topic for event type " + type);
        }
        return topic;
    }
}
