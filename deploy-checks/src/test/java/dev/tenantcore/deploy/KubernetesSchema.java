package dev.tenantcore.deploy;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Validates objects of built-in kinds against the Kubernetes 1.32 OpenAPI schema, through the models
 * that the official Java client generates from it: an unknown field anywhere in the object, a missing
 * required field or a scalar where an object belongs is an error.
 */
final class KubernetesSchema {

    /** API groups (before the version) whose kinds the generated models cover. */
    private static final Set<String> BUILT_IN_GROUPS = Set.of(
            "",
            "apps",
            "autoscaling",
            "batch",
            "policy",
            "networking.k8s.io",
            "rbac.authorization.k8s.io",
            "coordination.k8s.io");

    private KubernetesSchema() {}

    static boolean isBuiltIn(String apiVersion) {
        int slash = apiVersion.indexOf('/');
        return BUILT_IN_GROUPS.contains(slash < 0 ? "" : apiVersion.substring(0, slash));
    }

    /** The schema violations of one object; empty when it is valid. */
    static List<String> violations(Map<String, Object> object) {
        String apiVersion = String.valueOf(object.get("apiVersion"));
        String kind = String.valueOf(object.get("kind"));
        String version = apiVersion.substring(apiVersion.indexOf('/') + 1);
        // The client names each model after the version and kind: apps/v1 Deployment -> V1Deployment.
        String model = "io.kubernetes.client.openapi.models." + Character.toUpperCase(version.charAt(0))
                + version.substring(1) + kind;
        List<String> violations = new ArrayList<>();
        Method validate;
        try {
            validate = Class.forName(model).getMethod("validateJsonElement", JsonElement.class);
        } catch (ClassNotFoundException | NoSuchMethodException e) {
            violations.add("no Kubernetes 1.32 schema for " + apiVersion + " " + kind);
            return violations;
        }
        try {
            validate.invoke(null, JsonParser.parseString(json(object)));
        } catch (InvocationTargetException e) {
            violations.add(String.valueOf(e.getCause().getMessage()).replaceAll(" JSON: .*", ""));
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
        return violations;
    }

    private static String json(Map<String, Object> object) {
        return new Gson().toJson(object);
    }
}
