package dev.tenantcore.core.users;

import dev.tenantcore.contracts.events.EventMetadata;
import dev.tenantcore.contracts.events.auth.AuthEvent;
import dev.tenantcore.core.events.ProcessedEvents;
import dev.tenantcore.core.members.Members;
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
 * confirmed or changed e-mail address or an updated account updates it, a deleted account leaves every org
 * (see {@link Members#removeDeletedUser}) and loses its profile. Each event is applied once (the processed-event log and
 * the change share a transaction) and never over a newer state (events carry their {@code occurredAt}, the
 * profile the time of the last one applied). Other events on the topic (logins, API keys, ...) are not about
 * profiles and are passed over.
 */
@Component
class AuthUserEvents {

    static final Map<String, Class<? extends AuthEvent>> APPLIED = Map.of(
            "user.registered", AuthEvent.UserRegistered.class,
            "user.email_confirmed", AuthEvent.EmailConfirmed.class,
            "user.email_changed", AuthEvent.EmailChanged.class,
            "user.updated", AuthEvent.UserUpdated.class,
            "user.deleted", AuthEvent.UserDeleted.class);

    /** The longest display name a profile holds; a longer one from auth is cut. */
    private static final int DISPLAY_NAME_LIMIT = 200;

    /** What happened to the event. */
    enum Outcome {
        APPLIED,
        DUPLICATE,
        IGNORED
    }

    private final JsonMapper json;
    private final ProcessedEvents processed;
    private final UserProfiles profiles;
    private final Members members;
    private final TransactionTemplate transactions;

    AuthUserEvents(
            JsonMapper json,
            ProcessedEvents processed,
            UserProfiles profiles,
            Members members,
            PlatformTransactionManager transactionManager) {
        this.json = json;
        this.processed = processed;
        this.profiles = profiles;
        this.members = members;
        this.transactions = new TransactionTemplate(transactionManager);
    }

    /** Applies one record's value; a value that is not a valid event throws {@link MalformedAuthEvent}. */
    Outcome handle(String topic, byte @Nullable [] value) {
        Event event = parse(value);
        if (event == null) {
            return Outcome.IGNORED;
        }
        if (event.deleted()) {
            return delete(topic, event);
        }
        return transactions.execute(status -> {
            if (!processed.firstTime(event.id(), topic, event.type())) {
                return Outcome.DUPLICATE;
            }
            if (event.named()) {
                profiles.sync(event.userId(), event.email(), event.displayName(), event.occurredAt());
            } else {
                profiles.sync(event.userId(), event.email(), event.occurredAt());
            }
            return Outcome.APPLIED;
        });
    }

    /**
     * Leaves every org in a transaction per org (each is a no-op once done), then records the event and removes
     * the profile together: a failure part-way is retried from the start and finishes the remaining orgs.
     */
    private Outcome delete(String topic, Event event) {
        if (Boolean.TRUE.equals(transactions.execute(status -> processed.seen(event.id())))) {
            return Outcome.DUPLICATE;
        }
        for (UUID orgId : members.orgsOf(event.userId())) {
            members.removeDeletedUser(orgId, event.userId());
        }
        return transactions.execute(status -> {
            if (!processed.firstTime(event.id(), topic, event.type())) {
                return Outcome.DUPLICATE;
            }
            profiles.delete(event.userId());
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
                case AuthEvent.UserUpdated e ->
                    Event.of(metadata, e.userId(), e.email()).named(e.displayName());
                case AuthEvent.UserDeleted e -> Event.deletion(metadata, e.userId());
                case null -> throw MalformedAuthEvent.of("no payload");
                default -> throw MalformedAuthEvent.of("unexpected payload " + metadata.type());
            };
        } catch (JacksonException | IllegalArgumentException e) {
            throw MalformedAuthEvent.of(e.getClass().getSimpleName());
        }
    }

    /**
     * An event to apply: a profile's state (with its display name when {@code named}), or a deletion (then
     * without e-mail).
     */
    private record Event(
            UUID id,
            String type,
            Instant occurredAt,
            UUID userId,
            String email,
            @Nullable String displayName,
            boolean named,
            boolean deleted) {

        static Event of(EventMetadata metadata, @Nullable UUID userId, @Nullable String email) {
            if (userId == null || email == null || email.isBlank() || email.length() > 320) {
                throw MalformedAuthEvent.of("payload userId and a valid email are required");
            }
            return new Event(
                    metadata.id(), metadata.type(), metadata.occurredAt(), userId, email.strip(), null, false, false);
        }

        static Event deletion(EventMetadata metadata, @Nullable UUID userId) {
            if (userId == null) {
                throw MalformedAuthEvent.of("payload userId is required");
            }
            return new Event(metadata.id(), metadata.type(), metadata.occurredAt(), userId, "", null, false, true);
        }

        Event named(@Nullable String name) {
            String stripped = name == null || name.isBlank() ? null : name.strip();
            if (stripped != null && stripped.length() > DISPLAY_NAME_LIMIT) {
                stripped = stripped.substring(0, DISPLAY_NAME_LIMIT);
            }
            return new Event(id, type, occurredAt, userId, email, stripped, true, false);
        }
    }
}
