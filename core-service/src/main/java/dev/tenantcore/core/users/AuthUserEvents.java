package dev.tenantcore.core.users;

import dev.tenantcore.contracts.events.EventMetadata;
import dev.tenantcore.contracts.events.auth.AuthEvent;
import dev.tenantcore.core.events.ProcessedEvents;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Applies auth-service's user events ({@code auth.users}) to profiles: a new account creates the profile, a
 * confirmed or changed e-mail address updates it. Each event is applied once (the processed-event log and
 * the change share a transaction) and never over a newer state (events carry their {@code occurredAt}, the
 * profile the time of the last one applied). Other events on the topic (logins, API keys, ...) are not about
 * profiles and are passed over.
 */
@Component
class AuthUserEvents {

    static final Map<String, Class<? extends AuthEvent>> APPLIED = Map.of(
            "user.registered", AuthEvent.UserRegistered.class,
            "user.email_confirmed", AuthEvent.EmailConfirmed.class,
            "user.email_changed", AuthEvent.EmailChanged.class);

    /** What happened to the event. */
    enum Outcome {
        APPLIED,
        DUPLICATE,
        IGNORED
    }

    private final JsonMapper json;
    private final ProcessedEvents processed;
    private final UserProfiles profiles;
    private final TransactionTemplate transactions;

    AuthUserEvents(
            JsonMapper json,
            ProcessedEvents processed,
            UserProfiles profiles,
            PlatformTransactionManager transactionManager) {
        this.json = json;
        this.processed = processed;
        this.profiles = profiles;
        this.transactions = new TransactionTemplate(transactionManager);
    }

    /** Applies one record's value; a value that is not a valid event throws {@link MalformedAuthEvent}. */
    Outcome handle(String topic, byte @Nullable [] value) {
        Event event = parse(value);
        if (event == null) {
            return Outcome.IGNORED;
        }
        return transactions.execute(status -> {
            if (!processed.firstTime(event.id(), topic, event.type())) {
                return Outcome.DUPLICATE;
            }
            profiles.sync(event.userId(), event.email(), event.occurredAt());
            return Outcome.APPLIED;
        });
    }

    private @Nullable Event parse(byte @Nullable [] value) {
        if (value == null) {
            throw MalformedAuthEvent.of("no value");
        }
        try {
            JsonNode root = json.readTree(value);
            EventMetadata metadata = json.treeToValue(root.path("metadata"), EventMetadata.class);
            if (metadata == null || metadata.id() == null || metadata.type() == null || metadata.occurredAt() == null) {
                throw MalformedAuthEvent.of("metadata id, type and occurredAt are required");
            }
            Class<? extends AuthEvent> type = APPLIED.get(metadata.type());
            if (type == null) {
                return null;
            }
            AuthEvent payload = json.treeToValue(root.path("payload"), type);
            return switch (payload) {
                case AuthEvent.UserRegistered e -> Event.of(metadata, e.userId(), e.email());
                case AuthEvent.EmailConfirmed e -> Event.of(metadata, e.userId(), e.email());
                case AuthEvent.EmailChanged e -> Event.of(metadata, e.userId(), e.email());
                case null -> throw MalformedAuthEvent.of("no payload");
                default -> throw MalformedAuthEvent.of("unexpected payload " + metadata.type());
            };
        } catch (JacksonException | IllegalArgumentException e) {
            throw MalformedAuthEvent.of(e.getClass().getSimpleName());
        }
    }

    private record Event(UUID id, String type, Instant occurredAt, UUID userId, String email) {

        static Event of(EventMetadata metadata, @Nullable UUID userId, @Nullable String email) {
            if (userId == null || email == null || email.isBlank() || email.length() > 320) {
                throw MalformedAuthEvent.of("payload userId and a valid email are required");
            }
            return new Event(metadata.id(), metadata.type(), metadata.occurredAt(), userId, email.strip());
        }
    }
}
