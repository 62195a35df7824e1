package dev.tenantcore.engines.test;

import dev.tenantcore.engines.PostgresEngine;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The same engines from their official images, for machines with a Docker engine
 * ({@code -Dinfra=containers}). Without Docker this fails loudly; it never skips.
 */
final class Containers {

    private Containers() {}

    static SharedEngines.PostgresEndpoint postgres() {
        var container = new PostgreSQLContainer("postgres:17")
                .withDatabaseName(PostgresEngine.DATABASE)
                .withUsername(PostgresEngine.SUPERUSER)
                .withPassword(PostgresEngine.SUPERUSER);
        container.start();
        try (var db = DriverManager.getConnection(
                container.getJdbcUrl(), PostgresEngine.SUPERUSER, PostgresEngine.SUPERUSER)) {
            db.createStatement().execute(PostgresEngine.bootstrapSql());
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create roles and schemas", e);
        }
        return new SharedEngines.PostgresEndpoint(
                container.getHost(), container.getMappedPort(5432), PostgresEngine.DATABASE);
    }

    static SharedEngines.RedisEndpoint redis() {
        var container = new GenericContainer<>("redis:7").withExposedPorts(6379);
        container.start();
        return new SharedEngines.RedisEndpoint(container.getHost(), container.getMappedPort(6379));
    }

    static String kafka() {
        var container = new KafkaContainer("apache/kafka:4.1.1");
        container.start();
        return container.getBootstrapServers();
    }

    static String openSearch() {
        var container = new GenericContainer<>("opensearchproject/opensearch:3")
                .withEnv("discovery.type", "single-node")
                .withEnv("DISABLE_SECURITY_PLUGIN", "true")
                .withEnv("OPENSEARCH_JAVA_OPTS", "-Xms512m -Xmx512m")
                .withExposedPorts(9200)
                .waitingFor(
                        Wait.forHttp("/_cluster/health?wait_for_status=yellow").forPort(9200));
        container.start();
        return "http://" + container.getHost() + ":" + container.getMappedPort(9200);
    }
}
