package dev.tenantcore.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The merged OpenAPI document the gateway serves passes Redocly's linter (rules in
 * {@code src/test/node/redocly.yaml}): no errors, so generated frontend clients get unique, URL-safe
 * operation ids, defined path parameters and unambiguous paths. Runs the real {@code @redocly/cli}
 * pinned by {@code src/test/node/package-lock.json}; needs {@code node} and {@code npm} on the PATH.
 */
@Order(10)
class OpenApiLintTest {

    private static final Path NODE_DIR = Path.of("src/test/node");
    private static final JsonMapper json = JsonMapper.builder().build();

    @Test
    void theMergedDocumentHasNoLintErrors() throws Exception {
        var system = RunningSystem.get();
        // A service's part may be missing while it warms up (its document is built on first request): ask again.
        HttpResponse<String> response = null;
        JsonNode document = null;
        for (int attempt = 0; attempt < 30; attempt++) {
            response = HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .build()
                    .send(
                            HttpRequest.newBuilder(URI.create(system.gatewayUrl() + "/api/v1/openapi.json"))
                                    .timeout(Duration.ofSeconds(30))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            document = json.readTree(response.body());
            if (document.path("x-unavailable-services").isMissingNode()) {
                break;
            }
            Thread.sleep(2_000);
        }
        assertThat(document.path("x-unavailable-services").isMissingNode())
                .as("every service contributed its part: %s", document.path("x-unavailable-services"))
                .isTrue();
        Path file = Path.of("target/openapi.json").toAbsolutePath();
        Files.writeString(file, response.body());

        if (!Files.isDirectory(NODE_DIR.resolve("node_modules/@redocly/cli"))) {
            run(List.of("npm", "ci", "--no-audit", "--no-fund"), 300);
        }
        String report = run(
                List.of(
                        "node_modules/.bin/redocly",
                        "lint",
                        file.toString(),
                        "--config",
                        "redocly.yaml",
                        "--format=json"),
                120);
        Files.writeString(Path.of("target/openapi-lint.json"), report);
        JsonNode result = json.readTree(report.substring(report.indexOf('{')));
        List<String> errors = new ArrayList<>();
        for (JsonNode problem : result.path("problems")) {
            if ("error".equals(problem.path("severity").asString())) {
                errors.add(problem.path("ruleId").asString() + ": "
                        + problem.path("message").asString() + " at "
                        + problem.path("location").path(0).path("pointer").asString());
            }
        }
        assertThat(errors)
                .as("lint errors (full report in target/openapi-lint.json)")
                .isEmpty();
    }

    /** Runs a command in the node directory and returns its standard output (the report); fails on a timeout. */
    private static String run(List<String> command, int timeoutSeconds) throws Exception {
        var builder =
                new ProcessBuilder(command).directory(NODE_DIR.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().putAll(Map.of("REDOCLY_TELEMETRY", "off", "REDOCLY_SUPPRESS_UPDATE_NOTICE", "true"));
        Process process = builder.start();
        byte[] out = process.getInputStream().readAllBytes();
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(command + " did not finish within " + timeoutSeconds + " s");
        }
        return new String(out, StandardCharsets.UTF_8);
    }
}
