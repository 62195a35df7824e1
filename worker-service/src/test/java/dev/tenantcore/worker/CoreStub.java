package dev.tenantcore.worker;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistrar;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real HTTP server standing in for core-service's internal API: authorization decisions from a member list,
 * audit logs and exports per org, orgs whose audit log fails (with the time of every request), and cache warming.
 */
public final class CoreStub {

    public static final String INTERNAL_TOKEN = "local-internal-token";
    private static final Pattern AUDIT = Pattern.compile("/internal/orgs/([0-9a-f-]{36})/audit-log");
    private static final Pattern EXPORT = Pattern.compile("/internal/orgs/([0-9a-f-]{36})/export");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static CoreStub instance;

    private final HttpServer server;
    private final Set<String> members = ConcurrentHashMap.newKeySet();
    private final Map<UUID, List<Map<String, Object>>> auditLogs = new ConcurrentHashMap<>();
    private final Map<UUID, String> exports = new ConcurrentHashMap<>();
    private final Set<UUID> failing = ConcurrentHashMap.newKeySet();
    private final Map<UUID, List<Instant>> auditRequests = new ConcurrentHashMap<>();
    private final Map<UUID, List<Instant>> exportRequests = new ConcurrentHashMap<>();
    private final List<String> cacheWarmLimits = new CopyOnWriteArrayList<>();
    private volatile boolean failCacheWarm;

    private CoreStub() throws IOException {
        // Responses without Nagle's delay (the JDK server writes headers and body separately).
        System.setProperty("sun.net.httpserver.nodelay", "true");
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/internal/", this::handle);
        // A thread per request, as a real server: one slow request does not hold up the others.
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.start();
    }

    public static synchronized CoreStub get() {
        if (instance == null) {
            try {
                instance = new CoreStub();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return instance;
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public void member(UUID userId, UUID orgId) {
        members.add(userId + "|" + orgId);
    }

    public void auditLog(UUID orgId, List<Map<String, Object>> entries) {
        auditLogs.put(orgId, entries);
    }

    public void export(UUID orgId, String lines) {
        exports.put(orgId, lines);
    }

    public void failAuditLog(UUID orgId, boolean fail) {
        if (fail) {
            failing.add(orgId);
        } else {
            failing.remove(orgId);
        }
    }

    public List<Instant> auditRequests(UUID orgId) {
        return List.copyOf(auditRequests.getOrDefault(orgId, List.of()));
    }

    public List<Instant> exportRequests(UUID orgId) {
        return List.copyOf(exportRequests.getOrDefault(orgId, List.of()));
    }

    /** The {@code limit} of every cache warming request, in order. */
    public List<String> cacheWarmLimits() {
        return List.copyOf(cacheWarmLimits);
    }

    public void failCacheWarm(boolean fail) {
        failCacheWarm = fail;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!INTERNAL_TOKEN.equals(exchange.getRequestHeaders().getFirst("X-Internal-Token"))) {
                respond(exchange, 401, "application/json", "{\"error\":{\"code\":\"unauthorized\"}}");
                return;
            }
            String path = exchange.getRequestURI().getPath();
            if (path.equals("/internal/authz/check")) {
                JsonNode body = JSON.readTree(exchange.getRequestBody().readAllBytes());
                boolean allowed = members.contains(body.path("userId").asString() + "|"
                        + body.path("orgId").asString());
                respond(exchange, 200, "application/json", "{\"data\":{\"allowed\":" + allowed + "}}");
                return;
            }
            if (path.equals("/internal/cache/warm")
                    && exchange.getRequestMethod().equals("POST")) {
                String query = String.valueOf(exchange.getRequestURI().getQuery());
                cacheWarmLimits.add(query.replaceFirst("^limit=", ""));
                if (failCacheWarm) {
                    respond(exchange, 503, "application/json", "{\"error\":{\"code\":\"unavailable\"}}");
                } else {
                    respond(exchange, 200, "application/json", "{\"data\":{\"organizations\":2,\"profiles\":5}}");
                }
                return;
            }
            Matcher audit = AUDIT.matcher(path);
            if (audit.matches()) {
                UUID orgId = UUID.fromString(audit.group(1));
                auditRequests
                        .computeIfAbsent(orgId, k -> new CopyOnWriteArrayList<>())
                        .add(Instant.now());
                if (failing.contains(orgId)) {
                    respond(exchange, 503, "application/json", "{\"error\":{\"code\":\"unavailable\"}}");
                    return;
                }
                var entries = auditLogs.getOrDefault(orgId, List.of());
                respond(
                        exchange,
                        200,
                        "application/json",
                        JSON.writeValueAsString(Map.of(
                                "data", entries, "meta", Map.of("page", 1, "limit", 500, "total", entries.size()))));
                return;
            }
            Matcher export = EXPORT.matcher(path);
            if (export.matches()) {
                exportRequests
                        .computeIfAbsent(UUID.fromString(export.group(1)), k -> new CopyOnWriteArrayList<>())
                        .add(Instant.now());
            }
            if (export.matches() && exports.containsKey(UUID.fromString(export.group(1)))) {
                respond(exchange, 200, "application/x-ndjson", exports.get(UUID.fromString(export.group(1))));
                return;
            }
            respond(exchange, 404, "application/json", "{\"error\":{\"code\":\"not_found\"}}");
        }
    }

    private static void respond(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    /** Points the worker at the stub. */
    @TestConfiguration(proxyBeanMethods = false)
    public static class Config {

        @Bean
        DynamicPropertyRegistrar coreStubUrl() {
            return registry -> registry.add("tenantcore.worker.core-url", () -> get().url());
        }
    }
}
