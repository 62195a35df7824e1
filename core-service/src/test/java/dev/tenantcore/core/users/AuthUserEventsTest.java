package dev.tenantcore.core.users;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantcore.contracts.events.EventMetadata;
import dev.tenantcore.contracts.events.IntegrationEvent;
import dev.tenantcore.contracts.events.Topics;
import dev.tenantcore.contracts.events.auth.AuthEvent;
import dev.tenantcore.core.Api;
import dev.tenantcore.core.CoreServiceTest;
import dev.tenantcore.core.Fixtures;
import dev.tenantcore.engines.test.SharedEngines;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/** Profiles kept from auth-service's events on the real Kafka: once per event, newest state wins. */
@CoreServiceTest
class AuthUserEventsTest {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final Duration WAIT = Duration.ofSeconds(30);
    static final KafkaProducer<String, String> PRODUCER = new KafkaProducer<>(
            Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                    SharedEngines.kafka(),
                    ProducerConfig.ACKS_CONFIG,
                    "all",
                    ProducerConfig.LINGER_MS_CONFIG,
                    0),
            new StringSerializer(),
            new StringSerializer());

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Fixtures fixtures;

    @AfterAll
    static void closeProducer() {
        PRODUCER.close();
    }

    @Test
    void registrationCreatesTheProfileAndReplaysChangeNothing() {
        UUID user = UUID.randomUUID();
        Instant t0 = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        var registered = event("user.registered", t0, new AuthEvent.UserRegistered(user, "new@example.com", false));
        publish(user, registered);
        await(() -> processed(registered.metadata().id()));
        assertThat(email(user)).isEqualTo("new@example.com");

        var changed =
                event("user.email_changed", t0.plusSeconds(10), new AuthEvent.EmailChanged(user, "b@example.com"));
        publish(user, changed);
        await(() -> processed(changed.metadata().id()));
        assertThat(email(user)).isEqualTo("b@example.com");

        // Reset the row so that only the event ids (not their times) can keep the replays from applying.
        jdbc.sql("update users set email = 'untouched@example.com', synced_at = null where id = ?")
                .param(user)
                .update();
        publish(user, changed);
        publish(user, registered);
        // Same key, so same partition and after the replays: once it is processed, so are they.
        UUID other = UUID.randomUUID();
        var marker = event("user.registered", t0, new AuthEvent.UserRegistered(other, "other@example.com", true));
        publish(user, marker);
        await(() -> processed(marker.metadata().id()));
        assertThat(email(user)).isEqualTo("untouched@example.com");
        assertThat(count("select count(*) from users where id = ?", user)).isEqualTo(1);
        assertThat(count(
                        "select count(*) from processed_events where event_id = ?",
                        changed.metadata().id()))
                .isEqualTo(1);
    }

    @Test
    void anOlderEventArrivingLateDoesNotOverwriteANewerOne() {
        UUID user = UUID.randomUUID();
        Instant t0 = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        publish(user, event("user.registered", t0, new AuthEvent.UserRegistered(user, "a@example.com", true)));
        var newer = event("user.email_changed", t0.plusSeconds(20), new AuthEvent.EmailChanged(user, "c@example.com"));
        publish(user, newer);
        var older = event("user.email_changed", t0.plusSeconds(10), new AuthEvent.EmailChanged(user, "b@example.com"));
        publish(user, older);
        await(() -> processed(older.metadata().id()));
        assertThat(email(user)).isEqualTo("c@example.com");
    }

    @Test
    void profilesStillAppearJustInTimeAndEventsThenKeepThem() {
        Api caller = Api.newUser(port);
        assertThat(caller.get("/api/v1/me").status()).isEqualTo(200);
        assertThat(email(caller.userId)).isEqualTo(caller.email);

        var changed = event(
                "user.email_changed", Instant.now(), new AuthEvent.EmailChanged(caller.userId, "moved@example.com"));
        publish(caller.userId, changed);
        await(() -> processed(changed.metadata().id()));
        assertThat(email(caller.userId)).isEqualTo("moved@example.com");

        // A token issued before the change still carries the old address: it no longer overwrites the profile.
        Api stale = new Api(port, caller.userId, "stale-" + caller.email);
        assertThat(stale.get("/api/v1/me").status()).isEqualTo(200);
        assertThat(email(caller.userId)).isEqualTo("moved@example.com");
    }

    @Test
    void malformedRecordsGoToTheDeadLetterTopicAndTheNextOnesStillApply() {
        UUID user = UUID.randomUUID();
        String key = user.toString();
        send(key, "this is not json");
        send(
                key,
                "{\"metadata\":{\"id\":\"" + UUID.randomUUID()
                        + "\",\"type\":\"user.registered\",\"occurredAt\":\"2026-01-01T00:00:00Z\"},\"payload\":{}}");
        var good = event("user.registered", Instant.now(), new AuthEvent.UserRegistered(user, "ok@example.com", true));
        publish(user, good);

        var dead = Fixtures.awaitRecord(
                Topics.deadLetter(Topics.AUTH_USERS),
                r -> key.equals(r.key()) && "this is not json".equals(r.value()),
                WAIT);
        assertThat(dead.headers().lastHeader("kafka_dlt-exception-message")).isNotNull();
        var invalid = Fixtures.awaitRecord(
                Topics.deadLetter(Topics.AUTH_USERS),
                r -> key.equals(r.key()) && r.value().contains("\"payload\":{}"),
                WAIT);
        assertThat(new String(
                        invalid.headers()
                                .lastHeader("kafka_dlt-exception-message")
                                .value(),
                        StandardCharsets.UTF_8))
                .contains("malformed auth event");
        await(() -> processed(good.metadata().id()));
        assertThat(email(user)).isEqualTo("ok@example.com");
    }

    @Test
    void otherAuthEventsAreNotAboutProfiles() {
        UUID user = UUID.randomUUID();
        var login =
                event("user.logged_in", Instant.now(), new AuthEvent.UserLoggedIn(user, UUID.randomUUID(), "password"));
        publish(user, login);
        var registered =
                event("user.registered", Instant.now(), new AuthEvent.UserRegistered(user, "in@example.com", true));
        publish(user, registered);
        await(() -> processed(registered.metadata().id()));
        assertThat(processed(login.metadata().id())).isFalse();
        assertThat(email(user)).isEqualTo("in@example.com");
    }

    @Test
    void anUpdatedAccountUpdatesEmailAndDisplayName() {
        Api caller = Api.newUser(port);
        assertThat(caller.get("/api/v1/me").status()).isEqualTo(200);
        var updated = event(
                "user.updated",
                Instant.now(),
                new AuthEvent.UserUpdated(caller.userId, "renamed@example.com", "Ada Lovelace"));
        publish(caller.userId, updated);
        await(() -> processed(updated.metadata().id()));
        assertThat(email(caller.userId)).isEqualTo("renamed@example.com");
        var profile = new Api(port, caller.userId, "renamed@example.com")
                .get("/api/v1/me")
                .data()
                .get("profile");
        assertThat(profile.get("displayName").asString()).isEqualTo("Ada Lovelace");
        assertThat(profile.get("email").asString()).isEqualTo("renamed@example.com");
    }

    @Test
    void aDeletedAccountLeavesEveryOrgAndTheLastOwnerIsSucceeded() throws Exception {
        Api gone = Api.newUser(port);
        // Shared: a member joined before an admin, so the admin (not the longest-standing member) succeeds.
        UUID shared = gone.createOrg("Shared");
        Api member = Api.newUser(port);
        Api admin = Api.newUser(port);
        fixtures.addMember(shared, member, "member");
        fixtures.addMember(shared, admin, "admin");
        UUID teamId = gone.post("/api/v1/orgs/" + shared + "/teams", Map.of("name", "Team"))
                .id();
        assertThat(gone.put(
                                "/api/v1/orgs/" + shared + "/teams/" + teamId + "/members/" + gone.userId,
                                Map.of("role", "admin"))
                        .status())
                .isEqualTo(200);
        // Viewers only: the longest-standing member succeeds.
        UUID viewers = gone.createOrg("Viewers");
        Api viewer = Api.newUser(port);
        fixtures.addMember(viewers, viewer, "viewer");
        // Alone: the org is soft-deleted.
        UUID alone = gone.createOrg("Alone");

        var deleted = event("user.deleted", Instant.now(), new AuthEvent.UserDeleted(gone.userId));
        publish(gone.userId, deleted);
        await(() -> processed(deleted.metadata().id()));

        assertThat(count("select count(*) from users where id = ?", gone.userId))
                .isZero();
        assertThat(admin.get("/api/v1/orgs/" + shared).data().get("role").asString())
                .isEqualTo("owner");
        assertThat(member.get("/api/v1/orgs/" + shared).data().get("role").asString())
                .isEqualTo("member");
        assertThat(viewer.get("/api/v1/orgs/" + viewers).data().get("role").asString())
                .isEqualTo("owner");
        var members = admin.get("/api/v1/orgs/" + shared + "/members");
        assertThat(members.json().get("meta").get("total").asLong()).isEqualTo(2);
        assertThat(admin.get("/api/v1/orgs/" + shared + "/teams/" + teamId + "/members")
                        .json()
                        .get("meta")
                        .get("total")
                        .asLong())
                .isZero();
        try (var db = SharedEngines.postgres().superuser()) {
            assertThat(single(db, "select count(*) from core.memberships where user_id = '" + gone.userId + "'"))
                    .isZero();
            assertThat(single(db, "select count(*) from core.role_assignments where user_id = '" + gone.userId + "'"))
                    .isZero();
            assertThat(single(
                            db,
                            "select count(*) from core.organizations where deleted_at is not null and id = '" + alone
                                    + "'"))
                    .isEqualTo(1);
            assertThat(single(
                            db,
                            "select count(*) from core.audit_log where actor_id is null and org_id in ('"
                                    + shared + "', '" + viewers + "', '" + alone + "') and action in "
                                    + "('member.removed', 'member.role_changed', 'organization.deleted')"))
                    .isEqualTo(6);
        }

        // A replay changes nothing: the successor stays owner, nothing is recorded twice.
        publish(gone.userId, deleted);
        var marker = event(
                "user.registered",
                Instant.now(),
                new AuthEvent.UserRegistered(UUID.randomUUID(), "m@example.com", true));
        publish(gone.userId, marker);
        await(() -> processed(marker.metadata().id()));
        assertThat(admin.get("/api/v1/orgs/" + shared).data().get("role").asString())
                .isEqualTo("owner");
        try (var db = SharedEngines.postgres().superuser()) {
            assertThat(single(
                            db,
                            "select count(*) from core.audit_log where actor_id is null and org_id in ('" + shared
                                    + "', '" + viewers + "', '" + alone + "')"))
                    .isEqualTo(6);
        }
    }

    private static long single(java.sql.Connection db, String sql) throws java.sql.SQLException {
        try (var statement = db.createStatement();
                var rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static IntegrationEvent<AuthEvent> event(String type, Instant at, AuthEvent payload) {
        return new IntegrationEvent<>(new EventMetadata(UUID.randomUUID(), type, at, null, null, null), payload);
    }

    /** As auth's outbox does: JSON of the IntegrationEvent, keyed by the user id when there is no org. */
    private static void publish(UUID user, IntegrationEvent<AuthEvent> event) {
        send(user.toString(), JSON.writeValueAsString(event));
    }

    private static void send(String key, String value) {
        try {
            PRODUCER.send(new ProducerRecord<>(Topics.AUTH_USERS, key, value)).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private boolean processed(UUID eventId) {
        return count("select count(*) from processed_events where event_id = ?", eventId) > 0;
    }

    private long count(String sql, UUID id) {
        return jdbc.sql(sql).param(id).query(Long.class).single();
    }

    private String email(UUID user) {
        return jdbc.sql("select email from users where id = ?")
                .param(user)
                .query(String.class)
                .optional()
                .orElse(null);
    }

    private static void await(BooleanSupplier condition) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + WAIT);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
