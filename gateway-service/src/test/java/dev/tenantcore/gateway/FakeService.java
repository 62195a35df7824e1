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
    static final String API_KEY_ID = "key-1";
    static final String EXPIRED_API_KEY = "sk_test_expired";

    private final String name;
    private final int port;
    private final AtomicInteger jwksDownloads = new AtomicInteger();
    private final AtomicInteger keyChecks = new AtomicInteger();
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

    int keyChecks() {
        return keyChecks.get();
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
                respond(exchange, 200, "{\"status\":\"UP\",\"groups\":[]}");
            } else if (path.equals("/api/v1/auth/.well-known/jwks.json")) {
                jwksDownloads.incrementAndGet();
                respond(exchange, 200, Tokens.jwks());
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
            respond(exchange, 200, """
                    {"data":{"keyId":"%s","orgId":"org-1","scopes":["projects:read"],"createdBy":"u1"}}""".formatted(API_KEY_ID));
        } else if (key.equals(EXPIRED_API_KEY)) {
            respond(exchange, 200, """
                    {"data":{"keyId":"key-2","orgId":"org-1","scopes":[],"expiresAt":"2020-01-01T00:00:00Z"}}""");
        } else {
            respond(exchange, 401, "{\"error\":{\"code\":\"unauthorized\",\"message\":\"Unknown key.\"}}");
        }
    }

    private String apiDocument() {
        var tag = name.replace("-service", "");
        return """
                {"openapi":"3.1.0","info":{"title":"%s","version":"1"},
                 "paths":{"/api/v1/%s/things":{"get":{"operationId":"list-%s","responses":{"200":{"description":"ok"}}}}},
                 "components":{"schemas":{"%sThing":{"type":"object"},"ApiError":{"type":"object"}}}}""".formatted(name, tag, tag, tag);
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
