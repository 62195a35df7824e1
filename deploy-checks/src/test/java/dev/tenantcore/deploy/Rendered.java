package dev.tenantcore.deploy;

import static org.assertj.core.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The objects an overlay renders to, as {@code kubectl kustomize} prints them. */
record Rendered(String overlay, List<Resource> objects) {

    private static final Path KUBECTL = Path.of("/usr/bin/kubectl");

    /** Renders an overlay; fails, never skips, when kubectl is missing or the overlay does not build. */
    static Rendered overlay(String name) {
        Path kubectl = Files.isExecutable(KUBECTL) ? KUBECTL : Repository.onPath("kubectl");
        if (kubectl == null) {
            fail(
                    "kubectl is required to check the Kubernetes overlays and was found neither at %s nor on the PATH;"
                            + " install it (e.g. apt-get install kubectl from the Kubernetes apt repository)",
                    KUBECTL);
        }
        Path dir = Repository.root().resolve("deploy/k8s/overlays").resolve(name);
        Repository.Result result = Repository.run(dir, 120, kubectl.toString(), "kustomize", dir.toString());
        if (result.exitCode() != 0) {
            fail("kubectl kustomize %s failed (exit %d):%n%s", dir, result.exitCode(), result.errors());
        }
        return new Rendered(
                name,
                Repository.yamlDocuments(result.output()).stream()
                        .map(Resource::new)
                        .toList());
    }

    List<Resource> ofKind(String kind) {
        return objects.stream().filter(object -> object.kind().equals(kind)).toList();
    }

    Resource get(String kind, String name) {
        return objects.stream()
                .filter(object -> object.kind().equals(kind) && object.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError(overlay + " renders no " + kind + " " + name));
    }

    /** One rendered object, read by dotted paths ({@code \\.} for a dot inside a key). */
    record Resource(Map<String, Object> content) {

        String apiVersion() {
            return string("apiVersion");
        }

        String kind() {
            return string("kind");
        }

        String name() {
            return string("metadata.name");
        }

        String id() {
            return kind() + " " + name();
        }

        String string(String path) {
            return String.valueOf(value(path));
        }

        @SuppressWarnings("unchecked")
        List<Object> list(String path) {
            Object value = value(path);
            return value instanceof List<?> list ? (List<Object>) list : List.of();
        }

        @SuppressWarnings("unchecked")
        @Nullable
        Object value(String path) {
            Object current = content;
            for (String key : split(path)) {
                if (!(current instanceof Map<?, ?> map)) {
                    return null;
                }
                current = ((Map<String, Object>) map).get(key);
            }
            return current;
        }

        private static List<String> split(String path) {
            List<String> keys = new ArrayList<>();
            StringBuilder key = new StringBuilder();
            for (int i = 0; i < path.length(); i++) {
                char c = path.charAt(i);
                if (c == '\\' && i + 1 < path.length()) {
                    key.append(path.charAt(++i));
                } else if (c == '.') {
                    keys.add(key.toString());
                    key.setLength(0);
                } else {
                    key.append(c);
                }
            }
            keys.add(key.toString());
            return keys;
        }
    }
}
