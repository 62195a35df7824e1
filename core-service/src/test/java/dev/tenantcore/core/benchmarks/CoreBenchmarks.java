package dev.tenantcore.core.benchmarks;

import static dev.tenantcore.core.Api.body;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantcore.contracts.events.Topics;
import dev.tenantcore.core.Api;
import dev.tenantcore.core.CoreServiceTest;
import dev.tenantcore.engines.test.SharedEngines;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.json.JsonMapper;

/**
 * Benchmarks, not tests: they print numbers and assert only correctness. Run with
 * {@code -Dbenchmarks=true -Dtest=CoreBenchmarks}.
 */
@CoreServiceTest
@EnabledIfSystemProperty(named = "benchmarks", matches = "true")
class CoreBenchmarks {

    @LocalServerPort
    int port;

    /** Commit-to-Kafka latency of project.created: broker append time minus the event's occurredAt. */
    @Test
    void eventReachesKafkaAfterCommit() {
        Api owner = Api.newUser(port);
        UUID orgId = owner.createOrg("Latency");
        owner.patch("/api/v1/orgs/" + orgId, body("subscriptionTier", "enterprise"));
        int n = 300;
        for (int i = 0; i < n; i++) {
            owner.post("/api/v1/orgs/" + orgId + "/projects", body("name", "p" + i));
        }
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedEngines.kafka());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<Long> latencies = new ArrayList<>();
        var json = JsonMapper.builder().build();
        try (var consumer = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(Topics.CORE_PROJECTS));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (latencies.size() < n && System.nanoTime() < deadline) {
                for (var r : consumer.poll(Duration.ofMillis(200))) {
                    if (r.key().equals(orgId.toString())) {
                        Instant occurred = Instant.parse(json.readTree(r.value())
                                .get("metadata")
                                .get("occurredAt")
                                .asString());
                        latencies.add(r.timestamp() - occurred.toEpochMilli());
                    }
                }
            }
        }
        assertThat(latencies).hasSize(n);
        Collections.sort(latencies);
        System.out.printf(
                "BENCH event-to-kafka n=%d p50=%dms p99=%dms max=%dms%n",
                n, latencies.get(n / 2), latencies.get((int) (n * 0.99)), latencies.getLast());
    }

    /**
     * Row-level-security overhead: the project list's queries as the application role (with the tenant
     * set) against the same queries as the superuser (who bypasses RLS), on 100k projects over 1k orgs.
     */
    @Test
    void rowLevelSecurityOverhead() throws Exception {
        UUID org;
        try (Connection admin = SharedEngines.postgres().superuser()) {
            admin.createStatement().execute("""
                            insert into core.organizations (id, name, slug)
                            select ('00000000-0000-4000-8000-' || lpad(g::text, 12, '0'))::uuid, 'bench ' || g,
                                   'bench-' || g
                            from generate_series(1, 1000) g on conflict do nothing;
                            insert into core.projects (id, org_id, name, created_by, created_at)
                            select gen_random_uuid(),
                                   ('00000000-0000-4000-8000-' || lpad((1 + g % 1000)::text, 12, '0'))::uuid,
                                   'project ' || g, gen_random_uuid(), now() - (g || ' seconds')::interval
                            from generate_series(1, 100000) g;
                            analyze core.projects;""");
            org = UUID.fromString("00000000-0000-4000-8000-000000000042");
        }
        String list = "select id, org_id, team_id, name, description, created_by, created_at, updated_at, version "
                + "from core.projects where org_id = ? order by created_at, id limit 20 offset 40";
        String count = "select count(*) from core.projects where org_id = ?";
        try (Connection admin = SharedEngines.postgres().superuser();
                Connection app = SharedEngines.postgres().connect("core_app")) {
            app.setAutoCommit(false);
            admin.setAutoCommit(false);
            PreparedStatement tenant = app.prepareStatement("select set_config('app.current_org', ?, true)");
            // The same round trips on both sides: set the tenant, query, commit.
            PreparedStatement adminTenant = admin.prepareStatement("select set_config('app.current_org', ?, true)");
            for (String sql : List.of(list, count)) {
                double bypass = time(admin, sql, org, adminTenant);
                double rls = time(app, sql, org, tenant);
                System.out.printf(
                        "BENCH rls %-60.60s bypass=%.3fms app=%.3fms ratio=%.2f%n", sql, bypass, rls, rls / bypass);
                tenant.setString(1, org.toString());
                tenant.executeQuery();
                var plan = app.prepareStatement("explain " + sql);
                plan.setObject(1, org);
                var rs = plan.executeQuery();
                StringBuilder text = new StringBuilder();
                while (rs.next()) {
                    text.append(rs.getString(1)).append('\n');
                }
                app.commit();
                System.out.println("BENCH plan (app role):\n" + text);
                assertThat(text.toString()).doesNotContain("Seq Scan");
            }
        }
    }

    private static double time(Connection c, String sql, UUID org, PreparedStatement tenant) throws Exception {
        var statement = c.prepareStatement(sql);
        int warmup = 200;
        int runs = 1000;
        long total = 0;
        for (int i = 0; i < warmup + runs; i++) {
            long start = System.nanoTime();
            tenant.setString(1, org.toString());
            tenant.executeQuery();
            statement.setObject(1, org);
            try (var rs = statement.executeQuery()) {
                while (rs.next()) {
                    // drain
                }
            }
            c.commit();
            if (i >= warmup) {
                total += System.nanoTime() - start;
            }
        }
        return total / 1e6 / runs;
    }
}
