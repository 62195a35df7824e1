package dev.tenantcore.systemtests;

import static dev.tenantcore.systemtests.SweepSupport.JSON;
import static dev.tenantcore.systemtests.SweepSupport.NODES;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantcore.systemtests.SweepSupport.Actor;
import dev.tenantcore.systemtests.SweepSupport.Exchange;
import dev.tenantcore.systemtests.SweepSupport.Operation;
import dev.tenantcore.systemtests.SweepSupport.Param;
import dev.tenantcore.systemtests.SweepSupport.Tenant;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Every operation of the merged OpenAPI document, called through the gateway by a signed-in owner of a
 * real organization, with malformed and hostile input: broken JSON, wrong types, missing and extra fields,
 * huge strings and arrays, deep nesting, invalid ids and SQL/script fragments in paths and parameters,
 * wrong content types, out-of-range paging. Each answer must be a 4xx envelope with a catalogue code (GoTrue's
 * error shape under {@code /auth/v1}), never a 5xx, stack trace or raw reflected script; and the rejected
 * requests must write nothing (counts of every organization's resources are the same afterwards). Findings are
 * collected over the whole sweep and listed in one failure (and in {@code target/bad-input-sweep.txt}).
 */
@Order(20)
class BadInputSweepTest {

    private static final String SQL = "x' OR 1=1 --";
    private static final String SCRIPT = "<script>alert(1)</script>";
    private static final String HUGE = "A".repeat(100 * 1024);

    private static RunningSystem system;
    private static JsonNode document;
    private static List<Operation> operations;

    private final List<Actor> actors = new ArrayList<>();
    private final List<Tenant> tenants = new ArrayList<>();
    private final Map<String, Map<String, String>> before = new LinkedHashMap<>();
    private final List<String> findings = new ArrayList<>();
    private int requests;
    private int counter;

    /** One malformed request: whether it must be refused, or only must not fail. */
    private record Case(
            String input,
            String method,
            String path,
            @Nullable String contentType,
            @Nullable String body,
            boolean mustRefuse) {}

    @BeforeAll
    static void start() throws Exception {
        system = RunningSystem.get();
        document = SweepSupport.apiDocument(system);
        operations = SweepSupport.operations(document).stream()
                // Ending sessions last, so that one that wrongly succeeds cannot hide the others' answers.
                .sorted(Comparator.comparing(
                        (Operation o) -> o.path().contains("logout") || o.path().contains("sessions")))
                .toList();
    }

    @Test
    void everyOperationRefusesMalformedAndHostileInputWithoutWriting() throws Exception {
        assertThat(operations).as("operations in the merged API document").hasSizeGreaterThan(20);
        for (Operation operation : operations) {
            if (operation.path().startsWith("/internal")) {
                check(
                        new Case(
                                "internal path",
                                operation.method(),
                                operation
                                        .path()
                                        .replaceAll(
                                                "\\{[^}]+}", UUID.randomUUID().toString()),
                                null,
                                null,
                                true),
                        null);
                continue;
            }
            Actor actor = actorFor(operation);
            Tenant tenant = operation.orgScoped() ? newTenant(actor) : tenantOf(actor);
            for (Case c : cases(operation, tenant)) {
                check(c, actor);
            }
        }
        gatewayLevelCases(tenantOf(actors.getFirst()));
        verifyNothingWritten();

        String report = "bad-input sweep: %d operations, %d requests, %d findings%n%s"
                .formatted(operations.size(), requests, findings.size(), String.join(System.lineSeparator(), findings));
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "bad-input-sweep.txt"), report);
        System.out.println(report);
        assertThat(findings).as(report).isEmpty();
    }

    // ---------------------------------------------------------------------------------------------
    // The cases of one operation

    private List<Case> cases(Operation op, Tenant tenant) {
        var cases = new ArrayList<Case>();
        Map<String, String> validPath = SweepSupport.pathValues(op, tenant);
        String path = SweepSupport.fill(op.path(), encoded(validPath));
        String baseBody = op.body() == null ? null : JSON.writeValueAsString(baseBody(op));
        Map<String, String> requiredQuery = requiredQuery(op);
        String method = op.method();

        // Path parameters: invalid ids, fragments, long values, a nonexistent but well-formed id.
        for (Param param : op.in("path")) {
            int n = ++counter;
            for (String bad : List.of(
                    "not-a-uuid-" + n,
                    SQL + n,
                    SCRIPT + n,
                    "a".repeat(3000) + n,
                    "..%2f..%2finternal" + n,
                    "00000000-0000-0000-0000-" + "%012d".formatted(n))) {
                var values = new LinkedHashMap<>(encoded(validPath));
                values.put(param.name(), bad.contains("%2f") ? bad : SweepSupport.encode(bad));
                cases.add(new Case(
                        "path " + param.name() + "=" + SweepSupport.abbreviate(bad, 40),
                        method,
                        SweepSupport.fill(op.path(), values) + SweepSupport.query(requiredQuery),
                        json(baseBody),
                        baseBody,
                        true));
            }
        }

        // Query parameters.
        for (Param param : op.in("query")) {
            for (var bad : queryValues(param).entrySet()) {
                boolean refuse = bad.getValue();
                if (!refuse && !method.equals("GET")) {
                    continue; // a tolerated value would run a write
                }
                var query = new LinkedHashMap<>(requiredQuery);
                query.put(param.name(), bad.getKey());
                cases.add(new Case(
                        "query " + param.name() + "=" + SweepSupport.abbreviate(bad.getKey(), 40),
                        method,
                        path + SweepSupport.query(query),
                        json(baseBody),
                        baseBody,
                        refuse));
            }
            if (param.required()) {
                var query = new LinkedHashMap<>(requiredQuery);
                query.remove(param.name());
                cases.add(new Case(
                        "query " + param.name() + " missing",
                        method,
                        path + SweepSupport.query(query),
                        json(baseBody),
                        baseBody,
                        true));
            }
        }

        // Bodies.
        if (op.body() != null) {
            String target = path + SweepSupport.query(requiredQuery);
            JsonNode schema = op.body();
            boolean object = SweepSupport.type(schema).equals("object");
            cases.add(new Case("broken JSON", method, target, "application/json", "{\"name\": \"x\",", true));
            cases.add(new Case("truncated JSON", method, target, "application/json", "{\"na", true));
            cases.add(new Case(
                    "JSON with comment and trailing comma",
                    method,
                    target,
                    "application/json",
                    "{\"name\": \"x\", /* c */ }",
                    true));
            if (op.bodyRequired()) {
                cases.add(new Case("empty body", method, target, "application/json", "", true));
            }
            cases.add(new Case("text/plain", method, target, "text/plain", baseBody, true));
            cases.add(new Case("application/xml", method, target, "application/xml", "<a><name>x</name></a>", true));
            cases.add(new Case(
                    "2 MB body",
                    method,
                    target,
                    "application/json",
                    "{\"name\":\"" + "B".repeat(2 * 1024 * 1024) + "\"}",
                    true));
            cases.add(new Case(
                    "deep nesting", method, target, "application/json", "[".repeat(5000) + "]".repeat(5000), true));
            if (object) {
                cases.add(new Case("array instead of object", method, target, "application/json", "[1,2,3]", true));
                cases.add(new Case(
                        "string instead of object", method, target, "application/json", "\"" + SCRIPT + "\"", true));
                cases.add(new Case("number instead of object", method, target, "application/json", "12345", true));
                cases.add(new Case(
                        "huge top-level array",
                        method,
                        target,
                        "application/json",
                        "[" + "1,".repeat(50_000) + "1]",
                        true));
                boolean anyRequired = !schema.path("required").isEmpty();
                if (anyRequired) {
                    cases.add(new Case("missing required fields", method, target, "application/json", "{}", true));
                    cases.add(new Case(
                            "only extra fields",
                            method,
                            target,
                            "application/json",
                            "{\"__proto__\":{\"admin\":true},\"isAdmin\":true,\"superuser\":\"yes\",\"orgId\":\""
                                    + UUID.randomUUID() + "\"}",
                            true));
                }
                for (var property : schema.path("properties").properties()) {
                    JsonNode propertySchema = SweepSupport.resolve(property.getValue(), document);
                    for (var bad : wrongValues(propertySchema).entrySet()) {
                        ObjectNode body = baseBody(op).deepCopy();
                        body.set(property.getKey(), bad.getValue());
                        cases.add(new Case(
                                "body " + property.getKey() + "=" + bad.getKey(),
                                method,
                                target,
                                "application/json",
                                JSON.writeValueAsString(body),
                                true));
                    }
                }
            }
        }
        return cases;
    }

    /** Values of a query parameter, each with whether it must be refused. */
    private Map<String, Boolean> queryValues(Param param) {
        var values = new LinkedHashMap<String, Boolean>();
        String name = param.name().toLowerCase(Locale.ROOT);
        JsonNode schema = param.schema();
        String type = SweepSupport.type(schema);
        boolean paging = name.equals("page") || name.equals("limit") || name.equals("size");
        if (type.equals("integer") || type.equals("number")) {
            values.put("-1", paging);
            values.put("0", paging);
            values.put("99999999999", true);
            values.put("abc", true);
            values.put("1e3", type.equals("integer"));
            values.put(SQL, true);
            if (name.equals("limit")) {
                values.put("101", false);
                values.put("2147483647", false);
            }
            return values;
        }
        if (type.equals("boolean")) {
            values.put("maybe", true);
            return values;
        }
        boolean constrained = schema.has("enum")
                || schema.has("format")
                || name.equals("sort")
                || name.equals("grant_type")
                || name.equals("scope")
                || name.equals("type");
        values.put(SQL, constrained);
        values.put(SCRIPT, constrained);
        values.put("a".repeat(3000), constrained || schema.has("maxLength"));
        values.put("%00\u0000null", constrained);
        return values;
    }

    /** Wrong values for one body property, by its schema; all must be refused. */
    private Map<String, JsonNode> wrongValues(JsonNode schema) {
        var values = new LinkedHashMap<String, JsonNode>();
        String type = SweepSupport.type(schema);
        switch (type) {
            case "integer", "number" -> {
                values.put("string", NODES.stringNode("not-a-number"));
                values.put("object", NODES.objectNode().put("a", 1));
                values.put("1e400", NODES.stringNode("1e400"));
            }
            case "boolean" -> {
                values.put("string", NODES.stringNode("maybe"));
                values.put("object", NODES.objectNode().put("a", 1));
            }
            case "array" -> {
                values.put("object", NODES.objectNode().put("a", 1));
                ArrayNode huge = NODES.arrayNode();
                for (int i = 0; i < 20_000; i++) {
                    huge.add("item-" + i);
                }
                values.put("20000 items", huge);
            }
            case "object" -> {
                values.put("number", NODES.numberNode(12345));
                values.put("array", NODES.arrayNode().add(1));
            }
            default -> {
                values.put(
                        "object", NODES.objectNode().putArray("nested").add(1).add(SQL));
                values.put("array", NODES.arrayNode().add(SCRIPT));
                values.put("100KB string", NODES.stringNode(HUGE));
                if (schema.has("enum") || schema.has("format")) {
                    values.put("script", NODES.stringNode(SCRIPT));
                    values.put("sql", NODES.stringNode(SQL));
                }
            }
        }
        return values;
    }

    private ObjectNode baseBody(Operation op) {
        JsonNode sample = SweepSupport.sample(op.body(), document, 0);
        return sample instanceof ObjectNode object ? object : NODES.objectNode();
    }

    private Map<String, String> requiredQuery(Operation op) {
        return SweepSupport.requiredQuery(op, document);
    }

    private static @Nullable String json(@Nullable String body) {
        return body == null ? null : "application/json";
    }

    private static Map<String, String> encoded(Map<String, String> values) {
        var out = new LinkedHashMap<String, String>();
        values.forEach((k, v) -> out.put(k, SweepSupport.encode(v)));
        return out;
    }

    /** What the gateway itself must refuse in the same way: oversized URL, headers, bad methods, no credential. */
    private void gatewayLevelCases(Tenant tenant) throws Exception {
        String projects = "/api/v1/orgs/" + tenant.orgId() + "/projects";
        check(new Case("10 KB URL", "GET", projects + "?q=" + "a".repeat(10_000), null, null, false), tenant.owner());
        check(new Case("TRACE method", "TRACE", projects, null, null, true), tenant.owner());
        check(new Case("no credential", "GET", projects, null, null, true), null);
        check(
                new Case("garbage bearer", "GET", projects, null, null, true),
                new Actor(
                        "garbage",
                        "",
                        "",
                        "garbage",
                        SCRIPT.replace("<", "").replace(">", "") + "." + SQL.replace(" ", ""),
                        ""));
    }

    // ---------------------------------------------------------------------------------------------
    // Sending and judging

    private void check(Case c, @Nullable Actor actor) throws Exception {
        requests++;
        var publisher = c.body() == null ? null : HttpRequest.BodyPublishers.ofString(c.body());
        Exchange exchange;
        try {
            var response = SweepSupport.send(system, actor, c.method(), c.path(), c.contentType(), publisher, Map.of());
            exchange = new Exchange(c.method(), c.path(), c.input(), response.statusCode(), response.body(), response);
        } catch (java.io.IOException e) {
            findings.add("CONNECTION " + c.method() + " " + SweepSupport.abbreviate(c.path(), 160) + " [" + c.input()
                    + "] -> " + e);
            return;
        }
        int status = exchange.status();
        if (status >= 500) {
            findings.add("5XX " + exchange.describe());
            return;
        }
        if (status < 400) {
            if (c.mustRefuse()) {
                findings.add("ACCEPTED " + exchange.describe());
            } else if (SweepSupport.leak(exchange.body()) != null) {
                findings.add("LEAK(" + SweepSupport.leak(exchange.body()) + ") " + exchange.describe());
            }
            return;
        }
        String problem = SweepSupport.problemWithError(exchange);
        if (problem != null) {
            findings.add("ERROR-SHAPE(" + problem + ") " + exchange.describe());
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Callers, organizations, and proof that nothing was written

    /** A signed-in user with room left in the rate-limit buckets this operation uses. */
    private Actor actorFor(Operation op) throws Exception {
        String probe = op.orgScoped() ? "/api/v1/orgs" : op.path();
        for (Actor actor : actors) {
            if (SweepSupport.remaining(actor, probe) >= 35) {
                return actor;
            }
        }
        Actor actor = SweepSupport.signUp(system, "sweep" + actors.size());
        actors.add(actor);
        return actor;
    }

    private Tenant tenantOf(Actor actor) throws Exception {
        for (Tenant tenant : tenants) {
            if (tenant.owner().equals(actor)) {
                return tenant;
            }
        }
        return newTenant(actor);
    }

    private Tenant newTenant(Actor actor) throws Exception {
        Tenant tenant = SweepSupport.createTenant(system, actor, "sweep");
        tenants.add(tenant);
        before.put(tenant.orgId(), counts(tenant));
        return tenant;
    }

    private Map<String, String> counts(Tenant tenant) throws Exception {
        var counts = new LinkedHashMap<String, String>();
        for (String list : List.of("projects", "teams", "members", "invitations", "roles", "api-keys")) {
            var response = SweepSupport.json(
                    system, tenant.owner(), "GET", "/api/v1/orgs/" + tenant.orgId() + "/" + list + "?limit=1", null);
            JsonNode meta = JSON.readTree(response.body()).path("meta");
            counts.put(list, response.statusCode() + ":" + meta.path("total").asString(meta.toString()));
        }
        var org = SweepSupport.json(system, tenant.owner(), "GET", "/api/v1/orgs/" + tenant.orgId(), null);
        JsonNode data = JSON.readTree(org.body()).path("data");
        counts.put(
                "org",
                org.statusCode() + ":" + data.path("name").asString() + ":"
                        + data.path("subscriptionTier").asString());
        return counts;
    }

    private void verifyNothingWritten() throws Exception {
        for (Tenant tenant : tenants) {
            var after = counts(tenant);
            if (!after.equals(before.get(tenant.orgId()))) {
                findings.add(
                        "WRITTEN org " + tenant.orgId() + ": before " + before.get(tenant.orgId()) + " after " + after);
            }
        }
        for (Actor actor : actors) {
            // Only the organizations this test made on purpose ("sweep org …", retries of a timed-out setup included).
            var response = SweepSupport.json(system, actor, "GET", "/api/v1/orgs?limit=100", null);
            for (JsonNode org : JSON.readTree(response.body()).path("data")) {
                if (!org.path("name").asString().startsWith("sweep org ")) {
                    findings.add("WRITTEN organization of " + actor.name() + " by a rejected request: " + org);
                }
            }
        }
    }
}
