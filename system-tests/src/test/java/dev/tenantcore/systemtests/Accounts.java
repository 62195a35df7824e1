package dev.tenantcore.systemtests;

import dev.tenantcore.engines.MailEngine.ReceivedMail;
import dev.tenantcore.engines.test.SharedEngines;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Real accounts made the way a user makes them: sign up through the gateway, receive the confirmation
 * mail that the worker sends over SMTP, follow its link's token, and hold the session's tokens.
 */
final class Accounts {

    private static final JsonMapper json = JsonMapper.builder().build();
    private static final Pattern TOKEN = Pattern.compile("[?&]token=([^&\"'\\s<>]+)");
    private static final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();

    private Accounts() {}

    /** A signed-up, confirmed and logged-in user. */
    record Session(String email, String password, String accessToken, String refreshToken) {}

    static Session signUpAndConfirm(RunningSystem system, String name) throws Exception {
        String email = name + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        String password = "correct horse " + UUID.randomUUID();
        var signup = post(
                system, "/api/v1/auth/signup", "{\"email\":\"%s\",\"password\":\"%s\"}".formatted(email, password));
        if (signup.statusCode() / 100 != 2) {
            throw new IllegalStateException("sign-up failed: " + signup.statusCode() + " " + signup.body());
        }
        String token = confirmationToken(email, Duration.ofSeconds(30));
        var verified = post(system, "/api/v1/auth/verify", "{\"type\":\"signup\",\"token\":\"%s\"}".formatted(token));
        if (verified.statusCode() != 200) {
            throw new IllegalStateException("confirmation failed: " + verified.statusCode() + " " + verified.body());
        }
        JsonNode data = json.readTree(verified.body()).path("data");
        return new Session(
                email,
                password,
                data.path("accessToken").asString(),
                data.path("refreshToken").asString());
    }

    /** Waits for the confirmation mail to this address and returns the token its link carries. */
    static String confirmationToken(String email, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            Optional<String> token = SharedEngines.mail().messages().stream()
                    .filter(mail -> mail.to().stream().anyMatch(to -> to.equalsIgnoreCase(email)))
                    .map(ReceivedMail::body)
                    .map(TOKEN::matcher)
                    .filter(java.util.regex.Matcher::find)
                    .map(m -> URLDecoder.decode(m.group(1), StandardCharsets.UTF_8))
                    .findFirst();
            if (token.isPresent()) {
                return token.get();
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("no confirmation mail reached " + email + " within " + timeout);
    }

    static HttpResponse<String> post(RunningSystem system, String path, String body) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(system.gatewayUrl() + path))
                        .header("Content-Type", "application/json")
                        .timeout(Duration.ofSeconds(15))
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
