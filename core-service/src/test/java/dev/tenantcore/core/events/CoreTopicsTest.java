package dev.tenantcore.core.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantcore.core.CoreServiceTest;
import dev.tenantcore.engines.test.SharedEngines;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;

@CoreServiceTest
class CoreTopicsTest {

    @Autowired
    KafkaAdmin kafkaAdmin;

    @Autowired
    TopicProperties properties;

    @Test
    void coreTopicsHaveTheConfiguredPartitions() throws Exception {
        List<String> topics =
                Externalization.TOPICS.values().stream().distinct().toList();
        assertThat(topics).hasSize(6);
        try (Admin admin = admin()) {
            var described = admin.describeTopics(topics).allTopicNames().get();
            assertThat(described).hasSize(6);
            described
                    .values()
                    .forEach(topic ->
                            assertThat(topic.partitions()).as(topic.name()).hasSize(3));
        }
        assertThat(properties.partitions()).isEqualTo(3);
        assertThat(properties.replicationFactor()).isEqualTo((short) 1);
    }

    @Test
    void anExistingTopicIsRaisedToTheDeclaredPartitions() throws Exception {
        String name = "core.topics-test-" + UUID.randomUUID();
        try (Admin admin = admin()) {
            admin.createTopics(List.of(new NewTopic(name, 1, (short) 1))).all().get();

            kafkaAdmin.createOrModifyTopics(TopicBuilder.name(name)
                    .partitions(properties.partitions())
                    .replicas(properties.replicationFactor())
                    .build());

            assertThat(admin.describeTopics(List.of(name))
                            .allTopicNames()
                            .get()
                            .get(name)
                            .partitions())
                    .hasSize(3);
            admin.deleteTopics(List.of(name)).all().get();
        }
    }

    private static Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, SharedEngines.kafka()));
    }
}
