package dev.tenantcore.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The schema check itself: it must reject what the API server would reject. */
class KubernetesSchemaTest {

    @Test
    void acceptsAValidDeployment() {
        assertThat(KubernetesSchema.violations(deployment(Map.of("name", "app", "image", "app:1"))))
                .isEmpty();
    }

    @Test
    void rejectsAnUnknownFieldDeepInsideAnObject() {
        assertThat(KubernetesSchema.violations(
                        deployment(Map.of("name", "app", "image", "app:1", "livenessprobe", Map.of()))))
                .singleElement()
                .asString()
                .contains("livenessprobe");
    }

    @Test
    void rejectsAMissingRequiredField() {
        assertThat(KubernetesSchema.violations(deployment(Map.of("image", "app:1"))))
                .singleElement()
                .asString()
                .contains("name");
    }

    @Test
    void rejectsAKindTheApiDoesNotHave() {
        assertThat(KubernetesSchema.violations(Map.of("apiVersion", "apps/v1", "kind", "Deploymnet")))
                .singleElement()
                .asString()
                .contains("no Kubernetes 1.32 schema");
    }

    private static Map<String, Object> deployment(Map<String, Object> container) {
        return Map.of(
                "apiVersion",
                "apps/v1",
                "kind",
                "Deployment",
                "metadata",
                Map.of("name", "app"),
                "spec",
                Map.of(
                        "selector", Map.of("matchLabels", Map.of("app", "app")),
                        "template",
                                Map.of(
                                        "metadata", Map.of("labels", Map.of("app", "app")),
                                        "spec", Map.of("containers", List.of(container)))));
    }
}
