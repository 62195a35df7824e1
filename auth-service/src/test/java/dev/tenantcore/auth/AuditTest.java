package dev.tenantcore.auth;

import static dev.tenantcore.auth.Api.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantcore.engines.test.SharedEngines;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

@AuthServiceTest
class AuditTest {

    @LocalServerPort
    int port;

    @Test
    void recordsAuthEventsInTheAuditTableAndPublishesThemOnKafka() throws Exception {
        var api = new Api(port);
        String email = Api.uniqueEmail("audit");
        String userId = api.signUpConfirmed(email);
        api.login(email, "wrong password");
        api.login(email, PASSWORD);

        var registered = EmailJobsProbe.awaitEvent("user.registered", "userId", userId);
        assertThat(registered.path("metadata").path("actorId").asString()).isEqualTo(userId);
        assertThat(registered.path("payload").path("email").asString()).isEqualTo(email);
        EmailJobsProbe.awaitEvent("user.email_confirmed", "userId", userId);
        EmailJobsProbe.awaitEvent("user.login_failed", "userId", userId);
        EmailJobsProbe.awaitEvent("user.logged_in", "userId", userId);

        List<String> types = new ArrayList<>();
        try (var db = SharedEngines.postgres().connect("auth_app");
                var query = db.prepareStatement(
                        "SELECT type, ip FROM auth.audit_events WHERE user_id = ?::uuid ORDER BY occurred_at")) {
            query.setString(1, userId);
            try (var rs = query.executeQuery()) {
                while (rs.next()) {
                    types.add(rs.getString(1));
                    assertThat(rs.getString(2)).startsWith("10.");
                }
            }
        }
        assertThat(types).contains("user.registered", "user.email_confirmed", "user.login_failed", "user.logged_in");
    }
}
