package dev.tenantcore.gateway;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.json.JsonMapper;

/**
 * A stand-in for a downstream service on a random port. It answers its readiness probe with UP, answers
 * {@code .../conflict} with a 409 envelope and {@code .../status/NNN} with that status, takes 3 s for
 * {@code .../slow}, serves a small OpenAPI document, and otherwise echoes who it is, the path and the
 * headers it received, so a test sees what the gateway forwarded. As auth-service it also serves the test
 * JWKS and verifies the test API keys. It can be stopped and started again on the same port.
 */
final class FakeService implements AutoCloseable {

    static final String CONFLICT_BODY = "{\"error\":{\"code\":\"conflict\",\"message\":\"Already exists.\"}}";
    static final String API_KEY = "sk_test_valid";
    /** An organization core puts on the free tier ({@code /internal/organizations/{id}/tier}); others are unknown. */
    static final String FREE_ORG = "5a0f4c3e-1d2b-4a6c-8e9f-0a1b2c3d4e5f";

    static final String API_KEY_ID = "6f1c2a8e-3b4d-4e5f-8a9b-0c1d2e3f4a5b";
    static final String API_KEY_ORG = "0b7e6c5d-4a3b-4c2d-9e1f-a2b3c4d5e6f7";
    static final String EXPIRED_API_KEY = "sk_test_expired";
    /** A valid key of its own, for the test that revokes it (a revocation cannot be taken back). */
    static final String REVOCABLE_API_KEY = "sk_test_revocable";

    static final String REVOCABLE_API_KEY_ID = "3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f";
    /** auth-service answers 200 for it, with scopes as strings (the shape the gateway once expected). */
    static final String GARBLED_API_KEY = "sk_test_garbled";
    /** auth-service answers 200 for it, without a key. */
    static final String EMPTY_ANSWER_API_KEY = "sk_test_empty_answer";
    /** auth-service fails (500) for it. */
    static final String FAILING_API_KEY = "sk_test_auth_fails";

    /**
     * auth-service's answer for a valid key, in its exact shape: {@code ApiResponse<ApiKey.Verified>} written
     * by its JSON mapper (non-null members only, UUIDs and ISO instants as strings, scopes as
     * {@code ApiKey.Permission} objects), as in auth-service's ApiKeysTest.
     */
    static final String VERIFIED_API_KEY_ANSWER = """
            {"data":{"keyId":"%s","orgId":"%s","scopes":[{"action":"read","resource":"projects"},\
            {"action":"create","resource":"projects"}],"createdBy":"9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d",\
            "expiresAt":"2099-01-01T00:00:00Z"}}""".formatted(API_KEY_ID, API_KEY_ORG);

    private final String name;
    private final int port;
    private final AtomicInteger jwksDownloads = new AtomicInteger();
    private final AtomicInteger keyChecks = new AtomicInteger();
    private final AtomicInteger tierLookups = new AtomicInteger();
    private final AtomicInteger apiCalls = new AtomicInteger();
    private volatile boolean draining;
    private HttpServer server;
    private ExecutorService executor;

    private FakeService(String name, int port) {
        this.name = name;
        this.server = listen(port);
        this.port = server.getAddress().getPort();
    }

    static FakeService start(String name) {
        return new FakeService(name, 0);
    }

    /** A URL where nothing listens: a port that was free a moment ago. */
    static String closedUrl() {
        try (var socket = new ServerSocket(0)) {
            return "http://127.0.0.1:" + socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    int jwksDownloads() {
        return jwksDownloads.get();
    }

    int tierLookups() {
        return tierLookups.get();
    }

    int keyChecks() {
        return keyChecks.get();
    }

    /** API requests it answered with its echo (not health, documents, keys or fixed statuses). */
    int apiCalls() {
        return apiCalls.get();
    }

    /**
     * Whether its readiness probe answers 503 {@code OUT_OF_SERVICE} while it goes on serving, as a service does
     * between SIGTERM and the end of its drain.
     */
    void draining(boolean draining) {
        this.draining = draining;
    }

    /** Stops listening, as a crashed service would. */
    void stop() {
        server.stop(0);
        executor.close();
    }

    /** Listens again on the same port, as a restarted service would. */
    void restart() {
        server = listen(port);
    }

    @Override
    public void close() {
        stop();
    }

    private HttpServer listen(int onPort) {
        try {
            var http = HttpServer.create(new InetSocketAddress("127.0.0.1", onPort), 0);
            http.createContext("/", this::handle);
            executor = Executors.newVirtualThreadPerTaskExecutor();
            http.setExecutor(executor);
            http.start();
            return http;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            var body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            var path = exchange.getRequestURI().getRawPath();
            if (path.equals("/actuator/health/readiness")) {
                if (draining) {
                    respond(exchange, 503, "{\"status\":\"OUT_OF_SERVICE\"}");
                } else {
                    respond(exchange, 200, "{\"status\":\"UP\",\"groups\":[]}");
                }
            } else if (path.equals("/api/v1/auth/.well-known/jwks.json")) {
                jwksDownloads.incrementAndGet();
                respond(exchange, 200, Tokens.jwks());
            } else if (path.startsWith("/internal/organizations/") && path.endsWith("/tier")) {
                tierLookups.incrementAndGet();
                if (!"local-internal-token".equals(exchange.getRequestHeaders().getFirst("X-Internal-Token"))) {
                    respond(exchange, 401, "{\"error\":{\"code\":\"unauthorized\",\"message\":\"no\"}}");
                } else if (path.equals("/internal/organizations/" + FREE_ORG + "/tier")) {
                    respond(exchange, 200, "{\"data\":{\"tier\":\"free\"}}");
                } else {
                    respond(exchange, 404, "{\"error\":{\"code\":\"not_found\",\"message\":\"no org\"}}");
                }
            } else if (path.equals("/internal/api-keys/verify")) {
                verifyApiKey(exchange, body);
            } else if (path.equals("/v3/api-docs")) {
                respond(exchange, 200, apiDocument());
            } else if (path.endsWith("/conflict")) {
                respond(exchange, 409, CONFLICT_BODY);
            } else if (path.matches(".*/status/\\d{3}")) {
                int status = Integer.parseInt(path.substring(path.length() - 3));
                respond(exchange, status, "{\"error\":{\"code\":\"x\",\"message\":\"status " + status + "\"}}");
            } else {
                apiCalls.incrementAndGet();
                if (path.endsWith("/slow")) {
                    Thread.sleep(3_000);
                }
                respond(exchange, 200, echo(exchange, path));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void verifyApiKey(HttpExchange exchange, String body) throws IOException {
        keyChecks.incrementAndGet();
        var token = exchange.getRequestHeaders().getFirst("X-Internal-Token");
        var key = JsonMapper.shared().readTree(body).path("key").asString();
        if (!"local-internal-token".equals(token)) {
            respond(exchange, 401, "{\"error\":{\"code\":\"unauthorized\",\"message\":\"no\"}}");
        } else if (key.equals(API_KEY)) {
            respond(exchange, 200, VERIFIED_API_KEY_ANSWER);
        } else if (key.equals(REVOCABLE_API_KEY)) {
            respond(exchange, 200, VERIFIED_API_KEY_ANSWER.replace(API_KEY_ID, REVOCABLE_API_KEY_ID));
        } else if (key.equals(EXPIRED_API_KEY)) {
            respond(exchange, 200, """
                    {"data":{"keyId":"1d2e3f4a-5b6c-4d7e-8f9a-0b1c2d3e4f5a","orgId":"%s","scopes":[],\
                    "createdBy":"9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d","expiresAt":"2020-01-01T00:00:00Z"}}\
                    """.formatted(API_KEY_ORG));
        } else if (key.equals(GARBLED_API_KEY)) {
            respond(exchange, 200, """
                    {"data":{"keyId":"%s","orgId":"%s","scopes":["projects:read"]}}""".formatted(API_KEY_ID, API_KEY_ORG));
        } else if (key.equals(EMPTY_ANSWER_API_KEY)) {
            respond(exchange, 200, "{}");
        } else if (key.equals(FAILING_API_KEY)) {
            respond(exchange, 500, "{\"error\":{\"code\":\"internal\",\"message\":\"Something went wrong.\"}}");
        } else {
            respond(exchange, 401, "{\"error\":{\"code\":\"unauthorized\",\"message\":\"Unknown key.\"}}");
        }
    }

    private String apiDocument() {
        var tag = name.replace("-service", "");
        return """
                {"openapi":"3.1.0","info":{"title":"%s","version":"1"},
                 "paths":{"/api/v1/%s/things":{"get":{"operationId":"list-%s","responses":{"200":{"description":"ok"}}}},
                          "/internal/%s/things":{"get":{"operationId":"internal-%s","responses":{"200":{"description":"ok"}}}}},
                 "components":{"schemas":{"%sThing":{"type":"object"},"ApiError":{"type":"object"}}}}""".formatted(name, tag, tag, tag, tag, tag);
    }

    private String echo(HttpExchange exchange, String path) {
        var headers = new TreeMap<String, String>();
        exchange.getRequestHeaders()
                .forEach((header, values) -> headers.put(header.toLowerCase(Locale.ROOT), String.join(",", values)));
        return JsonMapper.shared()
                .writeValueAsString(Map.of("data", Map.of("service", name, "path", path, "headers", headers)));
    }

    private static void respond(HttpExchange exchange, int status, String json) throws IOException {
        var body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
    }
}
