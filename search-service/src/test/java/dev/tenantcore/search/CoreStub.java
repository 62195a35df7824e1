package dev.tenantcore.search;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.tenantcore.contracts.events.Topics;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.test.context.DynamicPropertyRegistrar;
import tools.jackson.databind.json.JsonMapper;

/**
 * core-service's internal API as a real HTTP server (JDK HttpServer): grants per user and org, and the
 * listings reindexing reads. Tests set what core would answer. Bodies are written the way core writes them
 * (core's InternalCatalogTest pins the listing shape): {@code {data: [...]}}, absent fields for nulls,
 * ISO-8601 instants, listings ordered by the ids' text (PostgreSQL's uuid order).
 */
public final class CoreStub {

    private static final JsonMapper JSON = JsonMapper.builder()
            .changeDefaultPropertyInclusion(inclusion -> inclusion.withValueInclusion(JsonInclude.Include.NON_NULL))
            .build();
    private static final Map<String, Map<String, Object>> GRANTS = new ConcurrentHashMap<>();
    private static final Map<String, NavigableMap<String, Object>> LISTINGS = new ConcurrentHashMap<>();
    private static final AtomicInteger GRANT_CALLS = new AtomicInteger();
    private static HttpServer server;

    private CoreStub() {}

    static synchronized String url() {
        if (server == null) {
            try {
                server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            server.createContext("/internal/authz/grants", CoreStub::grants);
            for (String resource : List.of("projects", "teams", "organizations")) {
                server.createContext("/internal/" + resource, exchange -> listing(resource, exchange));
            }
            server.start();
        }
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Org-wide read of everything searchable, like the built-in member role. */
    public static void member(UUID userId, UUID orgId) {
        grant(userId, orgId, List.of("organization", "projects", "teams"), Set.of(), Set.of());
    }

    public static void grant(UUID userId, UUID orgId, List<String> orgWide, Set<UUID> teamIds, Set<UUID> projectIds) {
        Map<String, Object> grants = new HashMap<>();
        grants.put("userId", userId);
        grants.put("orgId", orgId);
        grants.put("member", true);
        grants.put("orgWide", orgWide);
        grants.put("teamIds", teamIds);
        grants.put("projectIds", projectIds);
        grants.put("ownProjects", false);
        GRANTS.put(userId + "/" + orgId, grants);
    }

    public static void revoke(UUID userId, UUID orgId) {
        GRANTS.remove(userId + "/" + orgId);
    }

    public static int grantCalls() {
        return GRANT_CALLS.get();
    }

    /** What core lists for a resource (projects, teams, organizations), by id. */
    public static void listed(String resource, UUID id, Object snapshot) {
        LISTINGS.computeIfAbsent(resource, r -> new ConcurrentSkipListMap<>()).put(id.toString(), snapshot);
    }

    public static void unlisted(String resource, UUID id) {
        LISTINGS.computeIfAbsent(resource, r -> new ConcurrentSkipListMap<>()).remove(id.toString());
    }

    private static void grants(HttpExchange exchange) throws IOException {
        if (!authorized(exchange)) {
            return;
        }
        GRANT_CALLS.incrementAndGet();
        Map<String, String> query = query(exchange.getRequestURI());
        Map<String, Object> grants = GRANTS.get(query.get("userId") + "/" + query.get("orgId"));
        if (grants == null) {
            grants = Map.of("member", false, "orgWide", List.of(), "teamIds", List.of(), "projectIds", List.of());
        }
        respond(exchange, 200, Map.of("data", grants));
    }

    private static void listing(String resource, HttpExchange exchange) throws IOException {
        if (!authorized(exchange)) {
            return;
        }
        Map<String, String> query = query(exchange.getRequestURI());
        int limit = Integer.parseInt(query.getOrDefault("limit", "100"));
        NavigableMap<String, Object> all = LISTINGS.getOrDefault(resource, new ConcurrentSkipListMap<>());
        var after = query.containsKey("after") ? all.tailMap(query.get("after"), false) : all;
        List<Object> page = new ArrayList<>(after.values().stream().limit(limit).toList());
        respond(exchange, 200, Map.of("data", page));
    }

    private static boolean authorized(HttpExchange exchange) throws IOException {
        if (!"local-internal-token".equals(exchange.getRequestHeaders().getFirst("X-Internal-Token"))) {
            respond(exchange, 401, Map.of("error", Map.of("code", "unauthorized", "message", "no")));
            return false;
        }
        return true;
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> params = new HashMap<>();
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                int eq = pair.indexOf('=');
                params.put(pair.substring(0, eq), pair.substring(eq + 1));
            }
        }
        return params;
    }

    private static void respond(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = JSON.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (var out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** Points search-service at the stub and creates core's topics before the consumer subscribes. */
    @TestConfiguration(proxyBeanMethods = false)
    public static class Config {

        @Bean
        DynamicPropertyRegistrar coreStubProperties() {
            return registry -> registry.add("tenantcore.search.core.url", CoreStub::url);
        }

        @Bean
        NewTopic coreProjectsTopic() {
            return TopicBuilder.name(Topics.CORE_PROJECTS)
                    .partitions(3)
                    .replicas(1)
                    .build();
        }

        @Bean
        NewTopic coreTeamsTopic() {
            return TopicBuilder.name(Topics.CORE_TEAMS)
                    .partitions(3)
                    .replicas(1)
                    .build();
        }

        @Bean
        NewTopic coreOrganizationsTopic() {
            return TopicBuilder.name(Topics.CORE_ORGANIZATIONS)
                    .partitions(3)
                    .replicas(1)
                    .build();
        }
    }
}
