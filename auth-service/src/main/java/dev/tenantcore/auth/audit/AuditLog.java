package dev.tenantcore.auth.audit;

import dev.tenantcore.contracts.events.EventMetadata;
import dev.tenantcore.contracts.events.IntegrationEvent;
import dev.tenantcore.contracts.events.auth.AuthEvent;
import java.sql.Timestamp;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Stores every auth event in {@code audit_events} and publishes it, in the same transaction, to the outbox (Spring
 * Modulith's event publication registry), from which it is externalized to Kafka {@code auth.users}.
 */
@Component
public class AuditLog {

    private final JdbcClient jdbc;
    private final ApplicationEventPublisher publisher;
    private final JsonMapper json;
    private final TransactionTemplate joining;
    private final TransactionTemplate independent;

    AuditLog(
            JdbcClient jdbc,
            ApplicationEventPublisher publisher,
            JsonMapper json,
            PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.publisher = publisher;
        this.json = json;
        this.joining = new TransactionTemplate(transactions);
        this.independent = new TransactionTemplate(transactions);
        this.independent.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** Records the event as part of the caller's transaction (or a new one). */
    public void record(AuthEvent event, RequestOrigin origin) {
        joining.executeWithoutResult(status -> write(event, origin));
    }

    /** Records the event in its own transaction, for failures whose surrounding work is rolled back. */
    public void recordIndependently(AuthEvent event, RequestOrigin origin) {
        independent.executeWithoutResult(status -> write(event, origin));
    }

    private void write(AuthEvent event, RequestOrigin origin) {
        UUID userId = userOf(event);
        UUID orgId = orgOf(event);
        EventMetadata metadata = EventMetadata.now(event.type(), orgId, userId);
        jdbc.sql("""
                        INSERT INTO audit_events (id, type, user_id, org_id, session_id, ip, user_agent, data, occurred_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?)
                        """)
                .params(
                        metadata.id(),
                        event.type(),
                        userId,
                        orgId,
                        sessionOf(event),
                        origin.ip(),
                        origin.userAgent(),
                        json.writeValueAsString(event),
                        Timestamp.from(metadata.occurredAt()))
                .update();
        publisher.publishEvent(new IntegrationEvent<>(metadata, event));
    }

    private static @Nullable UUID userOf(AuthEvent event) {
        return switch (event) {
            case AuthEvent.UserRegistered e -> e.userId();
            case AuthEvent.EmailConfirmed e -> e.userId();
            case AuthEvent.UserLoggedIn e -> e.userId();
            case AuthEvent.LoginFailed e -> e.userId();
            case AuthEvent.RefreshReuseDetected e -> e.userId();
            case AuthEvent.LoggedOut e -> e.userId();
            case AuthEvent.PasswordChanged e -> e.userId();
            case AuthEvent.PasswordRecoveryRequested e -> e.userId();
            case AuthEvent.EmailChanged e -> e.userId();
            case AuthEvent.UserUpdated e -> e.userId();
            case AuthEvent.UserDeleted e -> e.userId();
            case AuthEvent.MfaChanged e -> e.userId();
            case AuthEvent.ApiKeyCreated e -> e.createdBy();
            case AuthEvent.ApiKeyRotated e -> null;
            case AuthEvent.ApiKeyRevoked e -> null;
        };
    }

    private static @Nullable UUID orgOf(AuthEvent event) {
        return switch (event) {
            case AuthEvent.ApiKeyCreated e -> e.orgId();
            case AuthEvent.ApiKeyRotated e -> e.orgId();
            case AuthEvent.ApiKeyRevoked e -> e.orgId();
            default -> null;
        };
    }

    private static @Nullable UUID sessionOf(AuthEvent event) {
        return switch (event) {
            case AuthEvent.UserLoggedIn e -> e.sessionId();
            case AuthEvent.RefreshReuseDetected e -> e.sessionId();
            default -> null;
        };
    }
}
