package dev.tenantcore.core.users;

import dev.tenantcore.core.web.Caller;
import dev.tenantcore.core.web.CallerResolver;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Profiles of users (id = auth user id). Not tenant data: one person belongs to many orgs. */
@Component
public class UserProfiles {

    private static final int KNOWN_LIMIT = 100_000;

    private final JdbcClient jdbc;
    // Callers whose profile is known to be current: skips a write on every request.
    private final Set<Caller.User> known = ConcurrentHashMap.newKeySet();

    UserProfiles(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Creates the profile on first sight (users of an external trusted issuer have no auth events) and keeps
     * its e-mail in step with the token, until auth events keep it: a token may be older than the last event.
     */
    public void ensure(Caller.User caller) {
        if (known.contains(caller)) {
            return;
        }
        jdbc.sql("""
                        insert into users (id, email) values (?, ?)
                        on conflict (id) do update set email = excluded.email, updated_at = now()
                        where users.email <> excluded.email and users.synced_at is null""").params(caller.userId(), caller.email()).update();
        if (known.size() > KNOWN_LIMIT) {
            known.clear();
        }
        known.add(caller);
    }

    /**
     * Applies the state of an auth event that happened at {@code occurredAt}: creates the profile or updates its
     * e-mail, unless an event at least as recent was applied already. Inside the caller's transaction.
     */
    void sync(UUID userId, String email, Instant occurredAt) {
        jdbc.sql("""
                        insert into users (id, email, synced_at) values (?, ?, ?)
                        on conflict (id) do update set email = excluded.email, synced_at = excluded.synced_at,
                            updated_at = now()
                        where users.synced_at is null or users.synced_at < excluded.synced_at""")
                .params(userId, email, OffsetDateTime.ofInstant(occurredAt, ZoneOffset.UTC))
                .update();
        known.removeIf(c -> c.userId().equals(userId));
    }

    /** As {@link #sync(UUID, String, Instant)}, also setting the display name (null clears it). */
    void sync(UUID userId, String email, @Nullable String displayName, Instant occurredAt) {
        jdbc.sql("""
                        insert into users (id, email, display_name, synced_at) values (?, ?, ?, ?)
                        on conflict (id) do update set email = excluded.email, display_name = excluded.display_name,
                            synced_at = excluded.synced_at, updated_at = now()
                        where users.synced_at is null or users.synced_at < excluded.synced_at""")
                .params(userId, email, displayName, OffsetDateTime.ofInstant(occurredAt, ZoneOffset.UTC))
                .update();
        known.removeIf(c -> c.userId().equals(userId));
    }

    /** Removes the profile of a deleted account (its memberships are gone already). Inside the caller's transaction. */
    void delete(UUID userId) {
        jdbc.sql("delete from users where id = ?").param(userId).update();
        known.removeIf(c -> c.userId().equals(userId));
    }

    public Optional<UserProfile> find(UUID userId) {
        return jdbc.sql("select id, email, display_name, created_at from users where id = ?")
                .param(userId)
                .query((rs, n) -> new UserProfile(
                        rs.getObject(1, UUID.class),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getObject(4, java.time.OffsetDateTime.class).toInstant()))
                .optional();
    }

    public void rename(UUID userId, @Nullable String displayName) {
        jdbc.sql("update users set display_name = ?, updated_at = now() where id = ?")
                .params(displayName, userId)
                .update();
        known.removeIf(c -> c.userId().equals(userId));
    }

    /**
     * A user's profile.
     *
     * @param id the auth user id
     * @param email the e-mail from the latest access token
     * @param displayName the name shown to others, if set
     * @param createdAt first seen
     */
    public record UserProfile(
            UUID id, String email, @Nullable String displayName, Instant createdAt) {}

    @Configuration(proxyBeanMethods = false)
    static class Wiring {

        @Bean
        CallerResolver callerResolver(UserProfiles profiles) {
            return new CallerResolver(profiles::ensure);
        }
    }
}
