package dev.tenantcore.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** deploy/docker-compose.yml, validated by docker-compose itself with the example environment. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ComposeFileTest {

    private Map<String, Object> services = Map.of();

    @BeforeAll
    @SuppressWarnings("unchecked")
    void validate() {
        Path deploy = Repository.root().resolve("deploy");
        Repository.Result result = Repository.run(
                deploy,
                120,
                dockerCompose().toString(),
                "-f",
                "docker-compose.yml",
                "--env-file",
                ".env.example",
                "config");
        if (result.exitCode() != 0) {
            fail(
                    "docker-compose config rejected deploy/docker-compose.yml (exit %d):%n%s",
                    result.exitCode(), result.errors());
        }
        services = (Map<String, Object>)
                Repository.yamlDocuments(result.output()).getFirst().get("services");
    }

    @Test
    void runsThreeCoreReplicasBehindTheGateway() {
        assertThat(service("core").value("deploy.replicas")).isEqualTo(3);
        assertThat(service("core").value("ports")).isNull();
        assertThat(service("gateway").string("environment.CORE_URL")).isEqualTo("http://core:8082");
    }

    @Test
    void servicesUsePgBouncerAndMigrateStraightToPostgres() {
        for (String name : new String[] {"auth", "core", "worker"}) {
            assertThat(service(name).string("environment.PG_HOST")).isEqualTo("pgbouncer");
            assertThat(service(name).string("environment.SPRING_FLYWAY_URL")).contains("//postgres:5432/");
            assertThat(service(name + "-migrate").string("command")).contains("--spring.profiles.active=migrate");
        }
        // The roles script the init step mounts is the one the embedded PostgreSQL runs.
        assertThat(service("postgres").string("volumes"))
                .contains(Repository.root()
                        .resolve("local-engines/src/main/resources/bootstrap/postgres-roles.sql")
                        .toString());
        String pgbouncer = Repository.read(Repository.root().resolve("deploy/compose/pgbouncer/pgbouncer.ini"));
        assertThat(pgbouncer).containsPattern("(?m)^pool_mode = transaction$");
    }

    @Test
    void everyEngineHasAHealthCheckAndItsDataAVolume() {
        for (String engine : new String[] {"postgres", "pgbouncer", "redis", "kafka", "opensearch", "mailpit"}) {
            assertThat(service(engine).value("healthcheck.test")).as(engine).isNotNull();
        }
        for (String stateful : new String[] {"postgres", "redis", "kafka", "opensearch"}) {
            assertThat(service(stateful).string("volumes")).as(stateful).contains(stateful + "-data:");
        }
    }

    private Rendered.Resource service(String name) {
        @SuppressWarnings("unchecked")
        Map<String, Object> service = (Map<String, Object>) services.get(name);
        assertThat(service).as("compose service " + name).isNotNull();
        return new Rendered.Resource(service);
    }

    /** Debian's docker-compose; installed when missing and this runs as root, as on CI. */
    private static Path dockerCompose() {
        Path found = Repository.onPath("docker-compose");
        if (found != null) {
            return found;
        }
        if (!"root".equals(System.getProperty("user.name"))) {
            fail("docker-compose is required to check deploy/docker-compose.yml: apt-get install docker-compose");
        }
        Path root = Repository.root();
        Repository.run(root, 300, "apt-get", "update", "-qq");
        Repository.Result install = Repository.run(root, 600, "apt-get", "install", "-y", "-qq", "docker-compose");
        found = Repository.onPath("docker-compose");
        if (install.exitCode() != 0 || found == null) {
            fail(
                    "could not install docker-compose (apt-get install -y docker-compose, exit %d):%n%s",
                    install.exitCode(), install.errors());
        }
        return found;
    }
}
