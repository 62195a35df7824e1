package dev.tenantcore.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Checks of the operators' custom resources, whose schemas are not published in a package registry:
 * the fields each operator requires, and the settings this system depends on.
 */
final class CustomResources {

    private CustomResources() {}

    /** The violations of one custom resource; a kind this system does not use is itself a violation. */
    static List<String> violations(Rendered.Resource object, Rendered rendered) {
        List<String> violations = new ArrayList<>();
        switch (object.apiVersion() + " " + object.kind()) {
            case "postgresql.cnpg.io/v1 Cluster" -> {
                require(object, violations, "spec.instances", "spec.storage.size", "spec.bootstrap.initdb.database");
                for (Object plugin : object.list("spec.plugins")) {
                    if (!(plugin instanceof Map<?, ?> map) || map.get("name") == null) {
                        violations.add("spec.plugins[] needs a name");
                    }
                }
            }
            case "postgresql.cnpg.io/v1 Pooler" -> {
                require(object, violations, "spec.cluster.name", "spec.type", "spec.pgbouncer.poolMode");
                expect(object, violations, "spec.pgbouncer.poolMode", "transaction");
                expectOneOf(object, violations, "spec.type", List.of("rw", "ro", "r"));
                refers(object, violations, rendered, "spec.cluster.name", "Cluster");
            }
            case "postgresql.cnpg.io/v1 ScheduledBackup" -> {
                require(object, violations, "spec.schedule", "spec.cluster.name");
                if (object.string("spec.schedule").trim().split("\\s+").length != 6) {
                    violations.add("spec.schedule needs six fields (seconds first)");
                }
                refers(object, violations, rendered, "spec.cluster.name", "Cluster");
            }
            case "barmancloud.cnpg.io/v1 ObjectStore" ->
                require(object, violations, "spec.configuration.destinationPath");
            case "kafka.strimzi.io/v1beta2 Kafka" -> {
                require(object, violations, "spec.kafka.listeners");
                expect(object, violations, "metadata.annotations.strimzi\\.io/kraft", "enabled");
                expect(object, violations, "metadata.annotations.strimzi\\.io/node-pools", "enabled");
                if (object.value("spec.zookeeper") != null) {
                    violations.add("spec.zookeeper: KRaft only");
                }
                for (Object listener : object.list("spec.kafka.listeners")) {
                    if (!(listener instanceof Map<?, ?> map)
                            || map.get("name") == null
                            || map.get("port") == null
                            || map.get("type") == null
                            || map.get("tls") == null) {
                        violations.add("spec.kafka.listeners[] needs name, port, type and tls");
                    }
                }
            }
            case "kafka.strimzi.io/v1beta2 KafkaNodePool" -> {
                require(object, violations, "spec.replicas", "spec.roles", "spec.storage.type");
                refers(object, violations, rendered, "metadata.labels.strimzi\\.io/cluster", "Kafka");
            }
            case "kafka.strimzi.io/v1beta2 KafkaTopic" -> {
                require(object, violations, "spec.partitions", "spec.replicas");
                refers(object, violations, rendered, "metadata.labels.strimzi\\.io/cluster", "Kafka");
                int brokers = rendered.ofKind("KafkaNodePool").stream()
                        .mapToInt(pool -> ((Number) pool.value("spec.replicas")).intValue())
                        .sum();
                if (((Number) object.value("spec.replicas")).intValue() > brokers) {
                    violations.add("spec.replicas exceeds the " + brokers + " brokers");
                }
            }
            case "opensearch.opster.io/v1 OpenSearchCluster" -> {
                require(object, violations, "spec.general.serviceName", "spec.general.version", "spec.nodePools");
                for (Object pool : object.list("spec.nodePools")) {
                    if (!(pool instanceof Map<?, ?> map)
                            || map.get("component") == null
                            || map.get("replicas") == null
                            || map.get("diskSize") == null
                            || map.get("roles") == null) {
                        violations.add("spec.nodePools[] needs component, replicas, diskSize and roles");
                    }
                }
            }
            default -> violations.add("unknown kind " + object.apiVersion() + " " + object.kind());
        }
        return violations;
    }

    private static void require(Rendered.Resource object, List<String> violations, String... paths) {
        for (String path : paths) {
            if (object.value(path) == null) {
                violations.add(path.replace("\\", "") + " is required");
            }
        }
    }

    private static void expect(Rendered.Resource object, List<String> violations, String path, String expected) {
        if (!expected.equals(object.string(path))) {
            violations.add(path.replace("\\", "") + " must be " + expected);
        }
    }

    private static void expectOneOf(
            Rendered.Resource object, List<String> violations, String path, List<String> allowed) {
        if (!allowed.contains(object.string(path))) {
            violations.add(path + " must be one of " + allowed);
        }
    }

    private static void refers(
            Rendered.Resource object, List<String> violations, Rendered rendered, String path, String kind) {
        String name = object.string(path);
        if (rendered.ofKind(kind).stream().noneMatch(other -> other.name().equals(name))) {
            violations.add(path.replace("\\", "") + " names no " + kind + " (" + name + ")");
        }
    }
}
