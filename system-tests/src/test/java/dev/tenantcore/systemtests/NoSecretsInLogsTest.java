package dev.tenantcore.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A full sign-in flow through the gateway (sign-up, confirmation, a failed and a good password login,
 * a refresh, an authenticated call), then every service's log is searched for the passwords and tokens
 * it used: none may appear, in whole or in part.
 */
@Order(30)
class NoSecretsInLogsTest {

    private static final JsonMapper json = JsonMapper.builder().build();

    @Test
    void noPasswordOrTokenOfAFullFlowIsLogged() throws Exception {
        var system = RunningSystem.get();
        var session = Accounts.signUpAndConfirm(system, "secrets");
        String wrongPassword = "wrong-" + session.password().replace(' ', '-');

        var failed = Accounts.post(
                system,
                "/api/v1/auth/token?grant_type=password",
                "{\"email\":\"%s\",\"password\":\"%s\"}".formatted(session.email(), wrongPassword));
        assertThat(failed.statusCode()).isEqualTo(401);

        var login = Accounts.post(
                system,
                "/api/v1/auth/token?grant_type=password",
                "{\"email\":\"%s\",\"password\":\"%s\"}".formatted(session.email(), session.password()));
        assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
        JsonNode loggedIn = json.readTree(login.body()).path("data");

        var refresh = Accounts.post(
                system,
                "/api/v1/auth/token?grant_type=refresh_token",
                "{\"refreshToken\":\"%s\"}"
                        .formatted(loggedIn.path("refreshToken").asString()));
        assertThat(refresh.statusCode()).as(refresh.body()).isEqualTo(200);
        JsonNode refreshed = json.readTree(refresh.body()).path("data");

        var authenticated = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .build()
                .send(
                        HttpRequest.newBuilder(URI.create(system.gatewayUrl() + "/api/v1/orgs"))
                                .header(
                                        "Authorization",
                                        "Bearer "
                                                + refreshed.path("accessToken").asString())
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(authenticated.statusCode()).isLessThan(500);

        Map<String, String> secrets = new LinkedHashMap<>();
        secrets.put("password", session.password());
        secrets.put("password (its random part)", session.password().substring("correct horse ".length()));
        secrets.put("wrong password", wrongPassword);
        secrets.put("confirmation session access token", session.accessToken());
        secrets.put("confirmation session refresh token", session.refreshToken());
        secrets.put("access token", loggedIn.path("accessToken").asString());
        secrets.put("refresh token", loggedIn.path("refreshToken").asString());
        secrets.put("rotated access token", refreshed.path("accessToken").asString());
        secrets.put("rotated refresh token", refreshed.path("refreshToken").asString());
        List<String> accessTokens = List.of(
                session.accessToken(),
                loggedIn.path("accessToken").asString(),
                refreshed.path("accessToken").asString());
        for (int i = 0; i < accessTokens.size(); i++) {
            // A JWT's signature alone is enough to be a leak of the token.
            String token = accessTokens.get(i);
            secrets.put("signature of access token " + (i + 1), token.substring(token.lastIndexOf('.') + 1));
        }
        secrets.values().forEach(secret -> assertThat(secret).hasSizeGreaterThan(15));

        // Consumers (worker, search) log asynchronously; give them a moment to write.
        Thread.sleep(2000);
        String logs = readLogs(Path.of("target/system-logs"));
        assertThat(logs).as("the services' logs").contains("\"service\":\"auth-service\"");
        secrets.forEach((what, secret) -> assertThat(logs.contains(secret))
                .as("the logs contain the " + what)
                .isFalse());
    }

    private static String readLogs(Path directory) {
        try (Stream<Path> files = Files.list(directory)) {
            var all = new StringBuilder();
            files.filter(f -> f.toString().endsWith(".log")).sorted().forEach(f -> {
                try {
                    all.append(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            return all.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
