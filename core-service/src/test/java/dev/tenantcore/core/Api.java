package dev.tenantcore.core;

import dev.tenantcore.support.testing.TestTokens;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A small HTTP client for the service under test, acting as one user or as one API key behind the gateway. */
public final class Api {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final int port;
    public final UUID userId;
    public final String email;
    private final Map<String, String> identity;

    public Api(int port, UUID userId, String email) {
        this(port, userId, email, Map.of("Authorization", "Bearer " + TestTokens.accessToken(userId, email)));
    }

    private Api(int port, UUID userId, String email, Map<String, String> identity) {
        this.port = port;
        this.userId = userId;
        this.email = email;
        this.identity = identity;
    }

    /**
     * An org API key as the gateway forwards it: the asserted key and the service credential, no token.
     * {@link #userId} is the key's id.
     *
     * @param scopes actions and resources, e.g. {@code "read", "projects", "create", "projects"}
     */
    public static Api apiKey(int port, UUID orgId, String... scopes) {
        return apiKeyWithCredential(port, orgId, "local-internal-token", scopes);
    }

    /** As {@link #apiKey(int, UUID, String...)}, with the given service credential (null for none). */
    public static Api apiKeyWithCredential(int port, UUID orgId, String internalToken, String... scopes) {
        UUID keyId = UUID.randomUUID();
        var permissions = new java.util.ArrayList<Map<String, String>>();
        for (int i = 0; i + 1 < scopes.length; i += 2) {
            permissions.add(Map.of("action", scopes[i], "resource", scopes[i + 1]));
        }
        Map<String, String> identity = new LinkedHashMap<>();
        identity.put(
                "X-Authenticated-Api-Key",
                JSON.writeValueAsString(Map.of("keyId", keyId, "orgId", orgId, "scopes", permissions)));
        if (internalToken != null) {
            identity.put("X-Internal-Token", internalToken);
        }
        return new Api(port, keyId, "api-key", Map.copyOf(identity));
    }

    /** A new user with a random id and e-mail. */
    public static Api newUser(int port) {
        UUID id = UUID.randomUUID();
        return new Api(port, id, "user-" + id.toString().substring(0, 8) + "@example.com");
    }

    public Response get(String path, String... headers) {
        return send("GET", path, null, headers);
    }

    public Response post(String path, Object body, String... headers) {
        return send("POST", path, body, headers);
    }

    public Response put(String path, Object body, String... headers) {
        return send("PUT", path, body, headers);
    }

    public Response patch(String path, Object body, String... headers) {
        return send("PATCH", path, body, headers);
    }

    public Response delete(String path, String... headers) {
        return send("DELETE", path, null, headers);
    }

    public Response send(String method, String path, Object body, String... headers) {
        try {
            var builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .header("Content-Type", "application/json")
                    .method(
                            method,
                            body == null
                                    ? HttpRequest.BodyPublishers.noBody()
                                    : HttpRequest.BodyPublishers.ofString(
                                            body instanceof String s ? s : JSON.writeValueAsString(body)));
            identity.forEach(builder::header);
            for (int i = 0; i + 1 < headers.length; i += 2) {
                builder.header(headers[i], headers[i + 1]);
            }
            var response = HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode json = response.body().isEmpty() ? JSON.nullNode() : JSON.readTree(response.body());
            return new Response(
                    response.statusCode(),
                    json,
                    response.headers().firstValue("ETag").orElse(null));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Creates an org owned by this user and returns its id. */
    public UUID createOrg(String name) {
        var r = post("/api/v1/orgs", Map.of("name", name));
        if (r.status() != 201) {
            throw new AssertionError("org creation failed: " + r);
        }
        return UUID.fromString(r.data().get("id").asString());
    }

    public static Map<String, Object> body(Object... keyValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i + 1 < keyValues.length; i += 2) {
            map.put((String) keyValues[i], keyValues[i + 1]);
        }
        return map;
    }

    /** A response: status, parsed envelope and ETag. */
    public record Response(int status, JsonNode json, String etag) {

        public JsonNode data() {
            return json.get("data");
        }

        public String errorCode() {
            return json.has("error") ? json.get("error").get("code").asString() : null;
        }

        public UUID id() {
            return UUID.fromString(data().get("id").asString());
        }
    }
}
