package dev.tenantcore.gateway;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import tools.jackson.databind.json.JsonMapper;

/**
 * A stand-in for a downstream service on a random port. It answers its readiness probe with UP, answers
 * {@code .../conflict} with a 409 envelope, takes 3 s for {@code .../slow}, and otherwise echoes who it is,
 * the path and the headers it received, so a test sees what the gateway forwarded.
 */
final class FakeService implements AutoCloseable {

    static final String CONFLICT_BODY = "{\"error\":{\"code\":\"conflict\",\"message\":\"Already exists.\"}}";

    private final String name;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

    private FakeService(String name) throws IOException {
        this.name = name;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    static FakeService start(String name) {
        try {
            return new FakeService(name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.close();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            exchange.getRequestBody().readAllBytes();
            var path = exchange.getRequestURI().getRawPath();
            if (path.equals("/actuator/health/readiness")) {
                respond(exchange, 200, "{\"status\":\"UP\",\"groups\":[]}");
            } else if (path.endsWith("/conflict")) {
                respond(exchange, 409, CONFLICT_BODY);
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

    private String echo(HttpExchange exchange, String path) {
        var headers = new TreeMap<String, String>();
        exchange.getRequestHeaders()
                .forEach((header, values) -> headers.put(header.toLowerCase(Locale.ROOT), String.join(",", values)));
        return JsonMapper.shared()
                .writeValueAsString(Map.of("data", Map.of("service", name, "path", path, "headers", headers)));
    }

    private static void respond(HttpExchange exchange, int status, String json) throws IOException {
        var body = json.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
    }
}
