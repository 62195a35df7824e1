package dev.tenantcore.auth;

import dev.tenantcore.contracts.jobs.EmailJob;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A client of the running service over real HTTP. Each instance presents its own client address (as the gateway
 * would assert it) so that tests do not share failed-login counters by accident.
 */
public final class Api {

    public static final JsonMapper JSON = JsonMapper.builder().build();
    public static final String PASSWORD = "correct horse battery staple";

    private final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final String base;
    private final String clientIp;

    public Api(int port) {
        this.base = "http://127.0.0.1:" + port;
        var random = ThreadLocalRandom.current();
        this.clientIp = "10." + random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(1, 255);
    }

    public record Response(int status, JsonNode body, HttpResponse<String> raw) {

        public JsonNode data() {
            return body.path("data");
        }

        public String errorCode() {
            return body.path("error").path("code").asString("");
        }
    }

    public Response post(String path, Object body, String... headers) {
        return send("POST", path, body, headers);
    }

    public Response put(String path, Object body, String... headers) {
        return send("PUT", path, body, headers);
    }

    public Response get(String path, String... headers) {
        return send("GET", path, null, headers);
    }

    public Response delete(String path, String... headers) {
        return send("DELETE", path, null, headers);
    }

    public Response raw(String method, String path, String contentType, String body, String... headers) {
        var builder = HttpRequest.newBuilder(URI.create(base + path))
                .header("X-Client-Ip", clientIp)
                .header("Content-Type", contentType)
                .method(method, HttpRequest.BodyPublishers.ofString(body));
        return exchange(builder, headers);
    }

    public static String[] bearer(String token) {
        return new String[] {"Authorization", "Bearer " + token};
    }

    public static String uniqueEmail(String name) {
        return name + "-" + UUID.randomUUID().toString().substring(0, 8) + "@Example.test";
    }

    /** Signs up, confirms with the token from the e-mail job and returns the user id. */
    public String signUpConfirmed(String email) {
        var signup = post("/api/v1/auth/signup", Map.of("email", email, "password", PASSWORD));
        if (signup.status() != 201) {
            throw new AssertionError("sign-up failed: " + signup.raw().body());
        }
        String token = EmailJobsProbe.awaitToken(email, EmailJob.SIGNUP_CONFIRMATION);
        var verify = post("/api/v1/auth/verify", Map.of("type", "signup", "token", token));
        if (verify.status() != 200) {
            throw new AssertionError("confirmation failed: " + verify.raw().body());
        }
        return signup.data().path("id").asString();
    }

    public Response login(String email, String password) {
        return post("/api/v1/auth/token?grant_type=password", Map.of("email", email, "password", password));
    }

    public Response refresh(String refreshToken) {
        return post("/api/v1/auth/token?grant_type=refresh_token", Map.of("refreshToken", refreshToken));
    }

    /** The claims of a JWT, decoded without verification (for assertions). */
    public static JsonNode claims(String jwt) {
        return JSON.readTree(new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8));
    }

    public static JsonNode header(String jwt) {
        return JSON.readTree(new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[0]), StandardCharsets.UTF_8));
    }

    public Response send(String method, String path, Object body, String... headers) {
        var builder = HttpRequest.newBuilder(URI.create(base + path)).header("X-Client-Ip", clientIp);
        if (body != null) {
            builder.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        } else {
            builder.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return exchange(builder, headers);
    }

    private Response exchange(HttpRequest.Builder builder, String... headers) {
        for (int i = 0; i + 1 < headers.length; i += 2) {
            builder.setHeader(headers[i], headers[i + 1]);
        }
        try {
            var response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode json = response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
            return new Response(response.statusCode(), json, response);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
