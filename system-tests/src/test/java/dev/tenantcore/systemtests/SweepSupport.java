package dev.tenantcore.systemtests;

import dev.tenantcore.contracts.api.ErrorCode;
import java.net.InetAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * What the sweeps share: users signed up through the gateway from many loopback addresses (each
 * credential endpoint is limited per client address, and the whole of 127/8 is this machine), their
 * organizations, the operations of the merged OpenAPI document, and the checks every error answer must pass.
 */
final class SweepSupport {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    static final Set<String> CODES =
            Arrays.stream(ErrorCode.values()).map(ErrorCode::code).collect(Collectors.toSet());
    static final List<String> CREDENTIAL_PATHS = List.of(
            "/api/v1/auth/signup",
            "/api/v1/auth/token",
            "/api/v1/auth/recover",
            "/api/v1/auth/verify",
            "/auth/v1/signup",
            "/auth/v1/token",
            "/auth/v1/recover",
            "/auth/v1/verify");
    private static final Pattern ORG_PATH = Pattern.compile("^/api/v\\d+/orgs/([^/?]+).*$");
    private static final AtomicInteger ADDRESSES = new AtomicInteger();
    private static final Map<String, HttpClient> CLIENTS = new ConcurrentHashMap<>();
    private static final HttpClient DEFAULT_CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(3))
            .build();

    /** The last {@code RateLimit-Remaining} of each rate-limit bucket (route, organization, caller). */
    private static final Map<String, Integer> REMAINING = new HashMap<>();

    private SweepSupport() {}

    /** A signed-in user. */
    record Actor(String name, String email, String password, String userId, String accessToken, String refreshToken) {}

    /** An organization created by its owner, with a project and a team in it. */
    record Tenant(Actor owner, String orgId, String projectId, String teamId) {}

    /** One answer with what was asked. */
    record Exchange(String method, String path, String input, int status, String body, HttpResponse<String> response) {

        String describe() {
            return method + " " + abbreviate(path, 160) + " [" + input + "] -> " + status + " " + abbreviate(body, 240);
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Clients and pacing

    /** A client whose connections come from a loopback address of its own (127.0.x.y, never 127.0.0.1). */
    static HttpClient freshAddressClient() {
        int n = ADDRESSES.incrementAndGet() % 60_000;
        String address = "127.0.%d.%d".formatted(10 + n / 250, 1 + n % 250);
        return CLIENTS.computeIfAbsent(address, a -> {
            try {
                return HttpClient.newBuilder()
                        .version(HttpClient.Version.HTTP_1_1)
                        .connectTimeout(Duration.ofSeconds(3))
                        .localAddress(InetAddress.getByName(a))
                        .build();
            } catch (UnknownHostException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    static boolean isCredentialPath(String path) {
        String bare = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
        return CREDENTIAL_PATHS.contains(bare);
    }

    /** The rate-limit bucket the gateway puts a request into, as its RateLimitFilter keys them. */
    static String bucket(@Nullable Actor actor, String path) {
        String route = path.startsWith("/api/v1/auth")
                        || path.startsWith("/auth/v1")
                        || path.matches("^/api/v\\d+/orgs/[^/]+/api-keys.*")
                ? "auth"
                : path.matches("^/api/v\\d+/orgs/[^/]+/search.*") ? "search" : "core";
        var matcher = ORG_PATH.matcher(path);
        String org = matcher.matches() ? matcher.group(1) : "-";
        return route + ":" + org + ":" + (actor == null ? "anonymous" : actor.userId());
    }

    /** What is left of a bucket's burst as the gateway last said (a full free-tier burst when unknown). */
    static synchronized int remaining(@Nullable Actor actor, String path) {
        return REMAINING.getOrDefault(bucket(actor, path), 60);
    }

    /**
     * Sends a request through the gateway: credential endpoints from a fresh address each time; other requests
     * paced under the per-caller burst, and on a 429 retried after its {@code Retry-After}.
     */
    static HttpResponse<String> send(
            RunningSystem system,
            @Nullable Actor actor,
            String method,
            String path,
            @Nullable String contentType,
            HttpRequest.@Nullable BodyPublisher body,
            Map<String, String> headers)
            throws Exception {
        boolean credential = isCredentialPath(path);
        if (!credential) {
            pace(actor, path);
        }
        for (int attempt = 0; ; attempt++) {
            var builder = HttpRequest.newBuilder(URI.create(system.gatewayUrl() + path))
                    .timeout(Duration.ofSeconds(30))
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : body);
            if (actor != null && !headers.containsKey("Authorization")) {
                builder.header("Authorization", "Bearer " + actor.accessToken());
            }
            if (contentType != null) {
                builder.header("Content-Type", contentType);
            }
            headers.forEach(builder::header);
            HttpClient client = credential ? freshAddressClient() : DEFAULT_CLIENT;
            var response = client.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            if (!credential) {
                response.headers().firstValue("RateLimit-Remaining").ifPresent(left -> {
                    synchronized (SweepSupport.class) {
                        REMAINING.put(bucket(actor, path), Integer.parseInt(left.trim()));
                    }
                });
            }
            if (response.statusCode() != 429 || attempt >= 3 || credential && attempt >= 1) {
                return response;
            }
            long wait = response.headers()
                    .firstValue("Retry-After")
                    .map(Long::parseLong)
                    .orElse(1L);
            Thread.sleep(Math.min(wait, 20) * 1000 + 100);
        }
    }

    static HttpResponse<String> json(
            RunningSystem system, @Nullable Actor actor, String method, String path, @Nullable String body)
            throws Exception {
        return send(
                system,
                actor,
                method,
                path,
                body == null ? null : "application/json",
                body == null ? null : HttpRequest.BodyPublishers.ofString(body),
                Map.of());
    }

    /** Past the burst a free-tier bucket refills at one request per second: wait for it rather than be refused. */
    private static void pace(@Nullable Actor actor, String path) throws InterruptedException {
        if (remaining(actor, path) <= 2) {
            Thread.sleep(1_100);
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Users and organizations

    /** Signs up through the gateway, confirms with the mailed token, and returns the signed-in user. */
    static Actor signUp(RunningSystem system, String name) throws Exception {
        String email = name + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        String password = "correct horse " + UUID.randomUUID();
        var signup = json(
                system,
                null,
                "POST",
                "/api/v1/auth/signup",
                JSON.writeValueAsString(Map.of("email", email, "password", password)));
        if (signup.statusCode() / 100 != 2) {
            throw new IllegalStateException("sign-up failed: " + signup.statusCode() + " " + signup.body());
        }
        String token = Accounts.confirmationToken(email, Duration.ofSeconds(60));
        var verified = json(
                system,
                null,
                "POST",
                "/api/v1/auth/verify",
                JSON.writeValueAsString(Map.of("type", "signup", "token", token)));
        if (verified.statusCode() != 200) {
            throw new IllegalStateException("confirmation failed: " + verified.statusCode() + " " + verified.body());
        }
        JsonNode data = JSON.readTree(verified.body()).path("data");
        String access = data.path("accessToken").asString();
        return new Actor(
                name,
                email,
                password,
                subject(access),
                access,
                data.path("refreshToken").asString());
    }

    /** A password login from a fresh address: a new session of the same user. */
    static Actor login(RunningSystem system, Actor actor) throws Exception {
        var response = json(
                system,
                null,
                "POST",
                "/api/v1/auth/token?grant_type=password",
                JSON.writeValueAsString(Map.of("email", actor.email(), "password", actor.password())));
        if (response.statusCode() != 200) {
            throw new IllegalStateException("login failed: " + response.statusCode() + " " + response.body());
        }
        JsonNode data = JSON.readTree(response.body()).path("data");
        return new Actor(
                actor.name(),
                actor.email(),
                actor.password(),
                actor.userId(),
                data.path("accessToken").asString(),
                data.path("refreshToken").asString());
    }

    static Tenant createTenant(RunningSystem system, Actor owner, String label) throws Exception {
        return createTenant(system, owner, label, "free");
    }

    static Tenant createTenant(RunningSystem system, Actor owner, String label, String tier) throws Exception {
        String orgId = created(
                system, owner, "/api/v1/orgs", Map.of("name", label + " org " + shortId(), "subscriptionTier", tier));
        String projectId = created(
                system,
                owner,
                "/api/v1/orgs/" + orgId + "/projects",
                Map.of("name", label + " project " + shortId(), "description", label + " secret description"));
        String teamId = created(
                system, owner, "/api/v1/orgs/" + orgId + "/teams", Map.of("name", label + " team " + shortId()));
        return new Tenant(owner, orgId, projectId, teamId);
    }

    /**
     * Creates a resource for a test's setup; a 503/504 (a cold service on a busy machine answering after the
     * gateway's timeout) is retried, since setup is not what is under test.
     */
    static String created(RunningSystem system, Actor actor, String path, Map<String, ?> body) throws Exception {
        var response = json(system, actor, "POST", path, JSON.writeValueAsString(body));
        for (int attempt = 0;
                attempt < 8 && (response.statusCode() == 503 || response.statusCode() == 504);
                attempt++) {
            Thread.sleep(3_000);
            response = json(system, actor, "POST", path, JSON.writeValueAsString(body));
        }
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(
                    "POST " + path + " failed: " + response.statusCode() + " " + response.body());
        }
        JsonNode data = JSON.readTree(response.body()).path("data");
        return data.path("id").asString();
    }

    static String subject(String jwt) {
        return payload(jwt).path("sub").asString();
    }

    static JsonNode payload(String jwt) {
        String[] parts = jwt.split("\\.");
        return JSON.readTree(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
    }

    static String shortId() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    // ---------------------------------------------------------------------------------------------
    // The OpenAPI document

    record Param(String name, String in, boolean required, JsonNode schema) {}

    record Operation(
            String method,
            String path,
            List<Param> params,
            @Nullable JsonNode body,
            boolean bodyRequired) {

        List<Param> in(String where) {
            return params.stream().filter(p -> p.in().equals(where)).toList();
        }

        String label() {
            return method + " " + path;
        }

        boolean orgScoped() {
            return path.matches("^/api/v\\d+/orgs/\\{[^}]+}.*");
        }
    }

    static JsonNode apiDocument(RunningSystem system) throws Exception {
        for (int attempt = 0; ; attempt++) {
            var response = json(system, null, "GET", "/api/v1/openapi.json", null);
            JsonNode document = JSON.readTree(response.body());
            if (response.statusCode() == 200 && !document.has("x-unavailable-services") || attempt > 20) {
                if (response.statusCode() != 200) {
                    throw new IllegalStateException("no API document: " + response.statusCode());
                }
                return document;
            }
            Thread.sleep(1_000);
        }
    }

    static List<Operation> operations(JsonNode document) {
        var operations = new ArrayList<Operation>();
        for (var pathEntry : document.path("paths").properties()) {
            JsonNode item = pathEntry.getValue();
            List<Param> shared = params(item.path("parameters"), document);
            for (String method : List.of("get", "put", "post", "patch", "delete")) {
                JsonNode operation = item.path(method);
                if (!operation.isObject()) {
                    continue;
                }
                var params = new ArrayList<>(shared);
                params.addAll(params(operation.path("parameters"), document));
                JsonNode requestBody = resolve(operation.path("requestBody"), document);
                JsonNode body = null;
                if (requestBody.isObject()) {
                    JsonNode content = requestBody.path("content");
                    JsonNode media = content.has("application/json")
                            ? content.path("application/json")
                            : content.properties().stream()
                                    .findFirst()
                                    .map(Map.Entry::getValue)
                                    .orElse(NODES.objectNode());
                    body = resolve(media.path("schema"), document);
                }
                operations.add(new Operation(
                        method.toUpperCase(Locale.ROOT),
                        pathEntry.getKey(),
                        params,
                        body,
                        requestBody.path("required").asBoolean(false)));
            }
        }
        return operations;
    }

    private static List<Param> params(JsonNode list, JsonNode document) {
        var params = new ArrayList<Param>();
        for (JsonNode raw : list) {
            JsonNode param = resolve(raw, document);
            params.add(new Param(
                    param.path("name").asString(),
                    param.path("in").asString(),
                    param.path("required").asBoolean(false),
                    resolve(param.path("schema"), document)));
        }
        return params;
    }

    /** Follows {@code $ref}s, and takes the first branch of {@code allOf}/{@code oneOf}/{@code anyOf}. */
    static JsonNode resolve(JsonNode node, JsonNode document) {
        JsonNode current = node;
        for (int depth = 0; depth < 20; depth++) {
            if (current.has("$ref")) {
                String ref = current.path("$ref").asString();
                JsonNode target = document;
                for (String part : ref.replaceFirst("^#/", "").split("/")) {
                    target = target.path(part.replace("~1", "/").replace("~0", "~"));
                }
                current = target;
            } else if (current.has("allOf") && current.path("allOf").size() == 1) {
                current = current.path("allOf").path(0);
            } else if (current.has("oneOf") || current.has("anyOf")) {
                JsonNode branches = current.has("oneOf") ? current.path("oneOf") : current.path("anyOf");
                JsonNode chosen = branches.path(0);
                for (JsonNode branch : branches) {
                    if (!"null".equals(branch.path("type").asString(""))) {
                        chosen = branch;
                        break;
                    }
                }
                current = chosen;
            } else {
                return current;
            }
        }
        return current;
    }

    /** The schema's type; OpenAPI 3.1 allows a list (with "null"). */
    static String type(JsonNode schema) {
        JsonNode type = schema.path("type");
        if (type.isArray()) {
            for (JsonNode t : type) {
                if (!"null".equals(t.asString())) {
                    return t.asString();
                }
            }
        }
        if (type.isString()) {
            return type.asString();
        }
        if (schema.has("properties")) {
            return "object";
        }
        return "string";
    }

    /** A plausible valid value: required properties only (and a name where there is one). */
    static JsonNode sample(JsonNode schema, JsonNode document, int depth) {
        JsonNode s = resolve(schema, document);
        if (s.path("enum").isArray() && !s.path("enum").isEmpty()) {
            return s.path("enum").path(0);
        }
        switch (type(s)) {
            case "object" -> {
                ObjectNode object = NODES.objectNode();
                if (depth > 4) {
                    return object;
                }
                var required = new java.util.HashSet<String>();
                s.path("required").forEach(r -> required.add(r.asString()));
                for (var property : s.path("properties").properties()) {
                    if (required.contains(property.getKey())
                            || property.getKey().equals("name")) {
                        object.set(property.getKey(), sample(property.getValue(), document, depth + 1));
                    }
                }
                return object;
            }
            case "array" -> {
                ArrayNode array = NODES.arrayNode();
                if (s.path("minItems").asInt(0) > 0) {
                    array.add(sample(s.path("items"), document, depth + 1));
                }
                return array;
            }
            case "integer", "number" -> {
                return NODES.numberNode(Math.max(1, s.path("minimum").asInt(1)));
            }
            case "boolean" -> {
                return NODES.booleanNode(true);
            }
            default -> {
                return NODES.stringNode(
                        switch (s.path("format").asString("")) {
                            case "email" -> "sweep-" + shortId() + "@example.com";
                            case "uuid" -> UUID.randomUUID().toString();
                            case "date-time" -> "2024-01-01T00:00:00Z";
                            case "date" -> "2024-01-01";
                            case "uri", "url" -> "https://example.com/";
                            default -> "sweep " + shortId();
                        });
            }
        }
    }

    /** Replaces {@code {name}} in a path with the value for it (already encoded). */
    static String fill(String template, Map<String, String> values) {
        String path = template;
        for (var entry : values.entrySet()) {
            path = path.replace("{" + entry.getKey() + "}", entry.getValue());
        }
        return path;
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    static String query(Map<String, String> params) {
        if (params.isEmpty()) {
            return "";
        }
        return "?"
                + params.entrySet().stream()
                        .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                        .collect(Collectors.joining("&"));
    }

    /** Plausible values of the required query parameters (an object parameter is sent as its properties). */
    static Map<String, String> requiredQuery(Operation op, JsonNode document) {
        var query = new LinkedHashMap<String, String>();
        for (Param param : op.in("query")) {
            if (param.required()) {
                JsonNode value = sample(param.schema(), document, 0);
                if (value.isObject()) {
                    value.properties()
                            .forEach(p -> query.put(p.getKey(), p.getValue().asString("x")));
                } else if (value.isValueNode()) {
                    query.put(param.name(), value.asString());
                }
            }
        }
        return query;
    }

    /** Valid values for the path parameters of an operation within a tenant. */
    static Map<String, String> pathValues(Operation operation, Tenant tenant) {
        var values = new LinkedHashMap<String, String>();
        for (Param param : operation.in("path")) {
            values.put(param.name(), valueFor(param.name(), tenant));
        }
        return values;
    }

    static String valueFor(String name, Tenant tenant) {
        String n = name.toLowerCase(Locale.ROOT);
        if (n.equals("orgid") || n.equals("organizationid")) {
            return tenant.orgId();
        }
        if (n.equals("projectid")) {
            return tenant.projectId();
        }
        if (n.equals("teamid")) {
            return tenant.teamId();
        }
        if (n.equals("userid") || n.equals("memberid")) {
            return tenant.owner().userId();
        }
        if (n.equals("index")) {
            return "projects";
        }
        return UUID.randomUUID().toString();
    }

    // ---------------------------------------------------------------------------------------------
    // Checks every refusal must pass

    /** What is wrong with an error answer, or null: envelope (or GoTrue shape), catalogue code, no leak. */
    static @Nullable String problemWithError(Exchange exchange) {
        String body = exchange.body();
        String leak = leak(body);
        if (leak != null) {
            return leak;
        }
        String type = exchange.response().headers().firstValue("Content-Type").orElse("");
        if (!type.contains("json")) {
            return "error answer is not JSON (" + type + ")";
        }
        JsonNode node;
        try {
            node = JSON.readTree(body);
        } catch (RuntimeException e) {
            return "error answer is not parseable JSON";
        }
        if (exchange.path().startsWith("/auth/v1/")) {
            boolean goTrue = node.has("msg") || node.has("error") || node.has("error_code") || node.has("message");
            return goTrue ? null : "no GoTrue-shaped error";
        }
        JsonNode error = node.path("error");
        String code = error.path("code").asString("");
        if (!CODES.contains(code)) {
            return "error code '" + code + "' is not in the catalogue";
        }
        if (error.path("message").asString("").isBlank()) {
            return "error without message";
        }
        return null;
    }

    /** Stack traces, exception names, raw script reflection. */
    static @Nullable String leak(String body) {
        if (body.contains("<script") || body.contains("<SCRIPT")) {
            return "raw <script> reflected";
        }
        if (body.contains("\tat ")
                || body.contains("\\tat ")
                || body.matches("(?s).*\\bat [a-z]+\\.[a-z].*\\(.*\\.java:\\d+\\).*")) {
            return "stack trace in body";
        }
        if (body.matches("(?s).*\\b[A-Z][A-Za-z]*Exception\\b.*")
                || body.contains("java.lang")
                || body.contains("org.springframework")
                || body.contains("tools.jackson")
                || body.contains("org.postgresql")
                || body.contains("PSQLException")) {
            return "exception text in body";
        }
        return null;
    }

    static String abbreviate(String text, int max) {
        String flat = text.replace('\n', ' ').replace('\r', ' ');
        return flat.length() <= max ? flat : flat.substring(0, max) + "…(" + flat.length() + " chars)";
    }

    static String repeat(String unit, int times) {
        return unit.repeat(times);
    }

    static <T> List<T> list(Iterator<T> iterator) {
        var out = new ArrayList<T>();
        iterator.forEachRemaining(out::add);
        return out;
    }
}
