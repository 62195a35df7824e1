package dev.tenantcore.worker;

import dev.tenantcore.support.testing.TestTokens;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Calls the worker over real HTTP, as a user with a signed access token or as a service. */
public record Api(int port) {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    public HttpResponse<byte[]> get(String path, UUID userId) throws Exception {
        return HTTP.send(request(path, userId).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    public HttpResponse<byte[]> post(String path, UUID userId, String json) throws Exception {
        return HTTP.send(
                request(path, userId)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json))
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    public HttpResponse<byte[]> postInternal(String path) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(uri(path))
                        .header("X-Internal-Token", CoreStub.INTERNAL_TOKEN)
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    public static JsonNode json(HttpResponse<byte[]> response) {
        return JSON.readTree(response.body());
    }

    private HttpRequest.Builder request(String path, UUID userId) {
        return HttpRequest.newBuilder(uri(path))
                .header("Authorization", "Bearer " + TestTokens.accessToken(userId, userId + "@example.com"));
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }
}
