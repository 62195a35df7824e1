package dev.tenantcore.auth;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * A real HTTP server playing core-service's internal authorization API ({@code POST /internal/authz/check}), so
 * the service's HTTP client, credential header and JSON contract are exercised. Tests grant permissions here.
 */
public final class CoreStub {

    private static final Set<String> GRANTS = ConcurrentHashMap.newKeySet();
    private static final List<JsonNode> CHECKS = new CopyOnWriteArrayList<>();
    private static final HttpServer SERVER = start();

    private CoreStub() {}

    public static void grant(UUID userId, UUID orgId, String action, String resource) {
        GRANTS.add(userId + "|" + orgId + "|" + action + "|" + resource);
    }

    public static List<JsonNode> checks() {
        return List.copyOf(CHECKS);
    }

    static String url() {
        return "http://127.0.0.1:" + SERVER.getAddress().getPort();
    }

    private static HttpServer start() {
        try {
            var server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/internal/authz/check", exchange -> {
                String token = exchange.getRequestHeaders().getFirst("X-Internal-Token");
                JsonNode body = Api.JSON.readTree(exchange.getRequestBody().readAllBytes());
                String answer;
                int status;
                if (!"local-internal-token".equals(token)) {
                    status = 401;
                    answer = "{\"error\":{\"code\":\"unauthorized\",\"message\":\"A service credential is required\"}}";
                } else {
                    CHECKS.add(body);
                    boolean allowed = GRANTS.contains(body.path("userId").asString() + "|"
                            + body.path("orgId").asString() + "|"
                            + body.path("action").asString() + "|"
                            + body.path("resource").asString());
                    status = 200;
                    answer = "{\"data\":{\"allowed\":" + allowed + "}}";
                }
                byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(status, bytes.length);
                exchange.getResponseBody().write(bytes);
                exchange.close();
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Points the service at the stub before its properties are bound. */
    public static class Initializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

        @Override
        public void initialize(ConfigurableApplicationContext context) {
            TestPropertyValues.of("tenantcore.auth.core.base-url=" + url()).applyTo(context);
        }
    }
}
