package dev.tenantcore.search;

import dev.tenantcore.support.testing.TestTokens;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Calls the running service over HTTP as a user or as another service. */
public record SearchApi(int port) {

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** A response: status and parsed envelope. */
    public record Answer(int status, JsonNode body) {

        public List<String> names() {
            List<String> names = new ArrayList<>();
            body.path("data").forEach(hit -> names.add(hit.path("name").asString()));
            return names;
        }

        public long total() {
            return body.path("meta").path("total").asLong();
        }

        public String errorCode() {
            return body.path("error").path("code").asString();
        }
    }

    public Answer search(UUID userId, UUID orgId, String q) {
        return query(userId, orgId, "q=" + encode(q));
    }

    /** A search with a raw query string, e.g. {@code q=x&type=team}. */
    public Answer query(UUID userId, UUID orgId, String rawQuery) {
        return send(HttpRequest.newBuilder(URI.create(base() + "/api/v1/orgs/" + orgId + "/search?" + rawQuery))
                .header("Authorization", "Bearer " + TestTokens.accessToken(userId, userId + "@example.com"))
                .GET());
    }

    public Answer internalPost(String path) {
        return send(HttpRequest.newBuilder(URI.create(base() + path))
                .header("X-Internal-Token", "local-internal-token")
                .POST(HttpRequest.BodyPublishers.noBody()));
    }

    public static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private String base() {
        return "http://127.0.0.1:" + port;
    }

    private static Answer send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response =
                    HTTP.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            JsonNode body = response.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(response.body());
            return new Answer(response.statusCode(), body);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
