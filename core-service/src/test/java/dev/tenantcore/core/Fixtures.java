package dev.tenantcore.core;

import dev.tenantcore.core.authorization.Authorization;
import dev.tenantcore.core.tenancy.Tenancy;
import dev.tenantcore.engines.test.SharedEngines;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Shortcuts for tests: members added directly (the invitation flow has its own test), Kafka reads. */
@Component
public class Fixtures {

    private final Tenancy tenancy;
    private final JdbcClient jdbc;
    private final Authorization authorization;

    Fixtures(Tenancy tenancy, JdbcClient jdbc, Authorization authorization) {
        this.tenancy = tenancy;
        this.jdbc = jdbc;
        this.authorization = authorization;
    }

    /** Makes the user a member of the org with the role, as if they had accepted an invitation. */
    public void addMember(UUID orgId, Api user, String role) {
        user.get("/api/v1/me"); // the profile is created on first sight
        tenancy.runInOrg(orgId, null, () -> {
            jdbc.sql("insert into memberships (org_id, user_id, role_id) "
                            + "select ?, ?, id from roles where org_id = ? and name = ?")
                    .params(orgId, user.userId, orgId, role)
                    .update();
            authorization.invalidateAfterCommit(orgId);
        });
    }

    /** Reads the topic from the start until a record matches, for at most the timeout. */
    public static ConsumerRecord<String, String> awaitRecord(
            String topic, Predicate<ConsumerRecord<String, String>> match, Duration timeout) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedEngines.kafka());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (var consumer = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                for (var record : consumer.poll(Duration.ofMillis(200))) {
                    if (match.test(record)) {
                        return record;
                    }
                }
            }
        }
        throw new AssertionError("no matching record on " + topic + " within " + timeout);
    }

    public static Map<String, Object> permission(String action, String resource, Map<String, String> conditions) {
        return Map.of("action", action, "resource", resource, "conditions", conditions);
    }
}
