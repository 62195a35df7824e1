package dev.tenantcore.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantcore.contracts.events.Topics;
import dev.tenantcore.contracts.jobs.JobTypes;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KubernetesOverlaysTest {

    private static final Set<String> SERVICES = Set.of("gateway", "auth", "core", "search", "worker");

    private final Map<String, Rendered> overlays = new java.util.HashMap<>();

    @BeforeAll
    void render() {
        for (String overlay : List.of("dev", "prod")) {
            overlays.put(overlay, Rendered.overlay(overlay));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyObjectValidatesAgainstItsSchema(String overlay) {
        Rendered rendered = overlays.get(overlay);
        List<String> violations = new ArrayList<>();
        for (Rendered.Resource object : rendered.objects()) {
            List<String> found = KubernetesSchema.isBuiltIn(object.apiVersion())
                    ? KubernetesSchema.violations(object.content())
                    : CustomResources.violations(object, rendered);
            found.forEach(violation -> violations.add(object.id() + ": " + violation));
            if (!object.name().matches("[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?")) {
                violations.add(object.id() + ": not a DNS-1123 name");
            }
        }
        assertThat(violations).isEmpty();
        assertThat(rendered.objects()).hasSizeGreaterThan(40);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void servicesRunNonRootOnAReadOnlyRootWithProbesOnTheActuatorGroups(String overlay) {
        Rendered rendered = overlays.get(overlay);
        for (String service : SERVICES) {
            Rendered.Resource deployment = rendered.get("Deployment", service);
            assertThat(deployment.value("spec.template.spec.securityContext.runAsNonRoot"))
                    .as(service)
                    .isEqualTo(true);
            Map<?, ?> container =
                    (Map<?, ?>) deployment.list("spec.template.spec.containers").getFirst();
            Rendered.Resource app = new Rendered.Resource(cast(container));
            assertThat(app.value("securityContext.readOnlyRootFilesystem"))
                    .as(service)
                    .isEqualTo(true);
            assertThat(app.value("securityContext.allowPrivilegeEscalation"))
                    .as(service)
                    .isEqualTo(false);
            assertThat(app.string("startupProbe.httpGet.path")).isEqualTo("/actuator/health/liveness");
            assertThat(app.string("livenessProbe.httpGet.path")).isEqualTo("/actuator/health/liveness");
            assertThat(app.string("readinessProbe.httpGet.path")).isEqualTo("/actuator/health/readiness");
            assertThat(app.value("resources.requests.cpu")).as(service).isNotNull();
            assertThat(app.value("resources.limits.memory")).as(service).isNotNull();
            assertThat(rendered.get("HorizontalPodAutoscaler", service).string("spec.scaleTargetRef.name"))
                    .isEqualTo(service);
            assertThat(rendered.get("PodDisruptionBudget", service)).isNotNull();
            assertThat(rendered.get("Service", service)).isNotNull();
        }
    }

    @Test
    void devRunsOneReplicaAndProdSpreadsSeveralOverNodes() {
        for (String service : SERVICES) {
            assertThat(overlays.get("dev").get("Deployment", service).value("spec.replicas"))
                    .isEqualTo(1);
            Rendered.Resource prod = overlays.get("prod").get("Deployment", service);
            assertThat((Integer) prod.value("spec.replicas")).isGreaterThanOrEqualTo(2);
            assertThat(prod.value("spec.template.spec.affinity.podAntiAffinity"))
                    .isNotNull();
            assertThat(overlays.get("prod").get("PodDisruptionBudget", service).value("spec.minAvailable"))
                    .isNotNull();
        }
        assertThat(overlays.get("prod").get("Deployment", "core").value("spec.replicas"))
                .isEqualTo(3);
        assertThat(overlays.get("prod").get("Cluster", "tenantcore-db").value("spec.instances"))
                .isEqualTo(3);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void onlyTheGatewayIsReachableFromTheIngressController(String overlay) {
        Rendered rendered = overlays.get(overlay);
        List<String> fromIngress = rendered.ofKind("NetworkPolicy").stream()
                .filter(policy -> KubernetesSchema.violations(policy.content()).isEmpty())
                .filter(policy -> policy.content().toString().contains("ingress-nginx"))
                .map(Rendered.Resource::name)
                .toList();
        assertThat(fromIngress).containsExactly("gateway");
        assertThat(rendered.get("NetworkPolicy", "default-deny-services").value("spec.ingress"))
                .isNull();
        assertThat(rendered.get("Ingress", "gateway").string("spec.rules")).contains("name=gateway");
        assertThat(rendered.get("NetworkPolicy", "search").string("spec.ingress"))
                .contains("gateway-service")
                .doesNotContain("core-service");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyTopicOfTheContractsAndItsDeadLetterTopicIsDeclared(String overlay) {
        Set<String> declared = overlays.get(overlay).ofKind("KafkaTopic").stream()
                .map(topic -> topic.string("spec.topicName"))
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(declared).isEqualTo(contractTopics());
    }

    @Test
    void composeCreatesTheSameTopics() {
        String compose = Repository.read(Repository.root().resolve("deploy/docker-compose.yml"));
        for (String topic : contractTopics()) {
            if (!topic.endsWith(Topics.DEAD_LETTER_SUFFIX)) {
                assertThat(compose)
                        .as(topic)
                        .containsPattern("(?<![\\w.])" + java.util.regex.Pattern.quote(topic) + "(?![\\w.])");
            }
        }
    }

    @Test
    void theDatabaseBootstrapIsTheLocalRolesScript() {
        assertThat(Repository.read(Repository.root().resolve("deploy/k8s/base/engines/postgres-roles.sql")))
                .isEqualTo(Repository.read(
                        Repository.root().resolve("local-engines/src/main/resources/bootstrap/postgres-roles.sql")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void servicesReachPostgresThroughTheTransactionPoolerAndMigrateDirectly(String overlay) {
        Rendered rendered = overlays.get(overlay);
        Rendered.Resource config = rendered.ofKind("ConfigMap").stream()
                .filter(map -> map.name().startsWith("tenantcore-config-"))
                .findFirst()
                .orElseThrow();
        String pooler = config.string("data.PG_HOST");
        assertThat(rendered.get("Pooler", pooler).string("spec.pgbouncer.poolMode"))
                .isEqualTo("transaction");
        assertThat(config.string("data.SPRING_FLYWAY_URL")).contains("tenantcore-db-rw:5432");
        for (String service : List.of("auth", "core", "worker")) {
            assertThat(rendered.get("Deployment", service).string("spec.template.spec.initContainers"))
                    .contains("--spring.profiles.active=migrate")
                    .contains(config.name());
        }
    }

    private static Set<String> contractTopics() {
        Set<String> topics = new TreeSet<>();
        Stream.of(Topics.class.getFields())
                .filter(field -> Modifier.isStatic(field.getModifiers())
                        && field.getName().matches("(AUTH|CORE)_.*"))
                .map(KubernetesOverlaysTest::constant)
                .forEach(topics::add);
        Stream.of(JobTypes.class.getFields())
                .filter(field -> Modifier.isStatic(field.getModifiers()) && field.getType() == String.class)
                .map(field -> Topics.jobs(constant(field)))
                .forEach(topics::add);
        new ArrayList<>(topics).forEach(topic -> topics.add(Topics.deadLetter(topic)));
        return topics;
    }

    private static String constant(Field field) {
        try {
            return (String) field.get(null);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Map<?, ?> map) {
        return (Map<String, Object>) map;
    }
}
