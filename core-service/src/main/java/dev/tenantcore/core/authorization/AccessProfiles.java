package dev.tenantcore.core.authorization;

import dev.tenantcore.core.tenancy.Tenancy;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.Message;
import org.springframework.data.redis.connection.MessageListener;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Loads access profiles from the database, cached at two levels: in process (L1) and in Redis (L2), per org
 * and user. Each org has an epoch that every membership, role or assignment change increments after commit;
 * entries are keyed by the epoch read before loading, so an entry computed from old data is never read
 * again. The epoch itself is cached in process for at most {@link #EPOCH_TTL_NANOS} and dropped at once when
 * any instance announces a change on the Redis channel {@value #CHANNEL}, so a change takes effect on every
 * instance within a second even if an announcement is lost.
 */
@Component
class AccessProfiles implements MessageListener {

    static final String CHANNEL = "authz:invalidations";
    private static final long EPOCH_TTL_NANOS = 500_000_000L;
    private static final int L1_LIMIT = 50_000;

    private record Epoch(String value, long readAt) {}

    private final Map<UUID, Epoch> epochs = new ConcurrentHashMap<>();
    private final Map<String, AccessProfile> local = new ConcurrentHashMap<>();
    private final Map<String, Boolean> activeOrgs = new ConcurrentHashMap<>();

    private static final Logger log = LoggerFactory.getLogger(AccessProfiles.class);
    private static final Duration TTL = Duration.ofMinutes(10);
    private static final TypeReference<List<Permission>> PERMISSIONS = new TypeReference<>() {};

    private final JdbcClient jdbc;
    private final Tenancy tenancy;
    private final StringRedisTemplate redis;
    private final JsonMapper json;
    private final Counter l1Hits;
    private final Counter l2Hits;
    private final Counter misses;

    AccessProfiles(JdbcClient jdbc, Tenancy tenancy, StringRedisTemplate redis, JsonMapper json, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.tenancy = tenancy;
        this.redis = redis;
        this.json = json;
        this.l1Hits = meters.counter("tenantcore.cache", "cache", "access-profiles", "level", "l1", "result", "hit");
        this.l2Hits = meters.counter("tenantcore.cache", "cache", "access-profiles", "level", "l2", "result", "hit");
        this.misses = meters.counter("tenantcore.cache", "cache", "access-profiles", "level", "all", "result", "miss");
    }

    AccessProfile load(UUID orgId, UUID userId) {
        String epoch = null;
        try {
            epoch = epoch(orgId);
            String key = entryKey(orgId, userId, epoch);
            AccessProfile inProcess = local.get(key);
            if (inProcess != null) {
                l1Hits.increment();
                return inProcess;
            }
            String cached = redis.opsForValue().get(key);
            if (cached != null) {
                l2Hits.increment();
                AccessProfile profile = json.readValue(cached, AccessProfile.class);
                remember(key, profile);
                return profile;
            }
        } catch (RuntimeException e) {
            log.warn("access-profile cache unavailable, reading the database: {}", e.toString());
            return tenancy.readCommitted(orgId, userId, () -> fromDatabase(orgId, userId));
        }
        misses.increment();
        AccessProfile profile = tenancy.readCommitted(orgId, userId, () -> fromDatabase(orgId, userId));
        String key = entryKey(orgId, userId, epoch);
        try {
            redis.opsForValue().set(key, json.writeValueAsString(profile), TTL);
            remember(key, profile);
        } catch (RuntimeException e) {
            log.warn("access-profile cache unavailable: {}", e.toString());
        }
        return profile;
    }

    /**
     * Whether the org exists and is not deleted, for callers without a membership (API keys). Cached in process
     * under the org's epoch, which deleting an org increments.
     */
    boolean active(UUID orgId) {
        String key;
        try {
            key = "authz:active:" + orgId + ":" + epoch(orgId);
        } catch (RuntimeException e) {
            log.warn("access-profile cache unavailable, reading the database: {}", e.toString());
            return tenancy.readCommitted(orgId, null, () -> activeInDatabase(orgId));
        }
        Boolean known = activeOrgs.get(key);
        if (known != null) {
            return known;
        }
        boolean active = tenancy.readCommitted(orgId, null, () -> activeInDatabase(orgId));
        if (activeOrgs.size() > L1_LIMIT) {
            activeOrgs.clear();
        }
        activeOrgs.put(key, active);
        return active;
    }

    private boolean activeInDatabase(UUID orgId) {
        return jdbc.sql("select count(*) from organizations where id = ? and deleted_at is null")
                        .param(orgId)
                        .query(Long.class)
                        .single()
                > 0;
    }

    void invalidate(UUID orgId) {
        epochs.remove(orgId);
        try {
            redis.opsForValue().increment(epochKey(orgId));
            redis.convertAndSend(CHANNEL, orgId.toString());
        } catch (RuntimeException e) {
            // The entries' TTL bounds staleness if Redis was down at this moment.
            log.error("could not invalidate access profiles of org {}: {}", orgId, e.toString());
        }
    }

    /** Another instance (or this one) changed an org's access: forget its epoch. */
    @Override
    public void onMessage(Message message, byte @Nullable [] pattern) {
        try {
            epochs.remove(UUID.fromString(new String(message.getBody(), StandardCharsets.UTF_8)));
        } catch (IllegalArgumentException ignored) {
            // not an org id: nothing to forget
        }
    }

    private @Nullable String epoch(UUID orgId) {
        Epoch known = epochs.get(orgId);
        if (known != null && System.nanoTime() - known.readAt() < EPOCH_TTL_NANOS) {
            return known.value();
        }
        String value = redis.opsForValue().get(epochKey(orgId));
        String epoch = value == null ? "0" : value;
        epochs.put(orgId, new Epoch(epoch, System.nanoTime()));
        return epoch;
    }

    private void remember(String key, AccessProfile profile) {
        if (local.size() > L1_LIMIT) {
            local.clear();
        }
        local.put(key, profile);
    }

    private AccessProfile fromDatabase(UUID orgId, UUID userId) {
        record Row(String scopeType, UUID scopeId, String role, boolean builtIn, String permissions) {}
        List<Row> rows = jdbc.sql("""
                        select 0 as rank, 'org' as scope_type, m.org_id as scope_id, r.name, r.built_in,
                            r.permissions::text
                        from memberships m
                        join roles r on r.id = m.role_id
                        join organizations o on o.id = m.org_id and o.deleted_at is null
                        where m.org_id = :org and m.user_id = :user
                        union all
                        select 1, a.scope_type, a.scope_id, r.name, r.built_in, r.permissions::text
                        from role_assignments a join roles r on r.id = a.role_id
                        where a.org_id = :org and a.user_id = :user
                        order by rank""")
                .param("org", orgId)
                .param("user", userId)
                .query((rs, n) -> new Row(
                        rs.getString(2),
                        rs.getObject(3, UUID.class),
                        rs.getString(4),
                        rs.getBoolean(5),
                        rs.getString(6)))
                .list();
        if (rows.isEmpty() || !rows.getFirst().scopeType().equals("org")) {
            return AccessProfile.NONE;
        }
        List<AccessProfile.ScopedRole> roles = new ArrayList<>();
        for (Row row : rows) {
            roles.add(new AccessProfile.ScopedRole(
                    row.scopeType(),
                    row.scopeId(),
                    row.role(),
                    row.builtIn() && BuiltInRoles.isBuiltIn(row.role())
                            ? BuiltInRoles.permissions(row.role())
                            : json.readValue(row.permissions(), PERMISSIONS)));
        }
        return new AccessProfile(true, rows.getFirst().role(), List.copyOf(roles));
    }

    private static String epochKey(UUID orgId) {
        return "authz:epoch:" + orgId;
    }

    private static String entryKey(UUID orgId, UUID userId, @Nullable String epoch) {
        return "authz:profile:" + orgId + ":" + userId + ":" + (epoch == null ? "0" : epoch);
    }

    /** Listens for invalidations only where requests are served (not in the migrate-and-exit profile). */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication
    static class Invalidations {

        @Bean
        RedisMessageListenerContainer accessProfileInvalidations(
                RedisConnectionFactory connections, AccessProfiles profiles) {
            var container = new RedisMessageListenerContainer();
            container.setConnectionFactory(connections);
            container.addMessageListener(profiles, new ChannelTopic(CHANNEL));
            return container;
        }
    }
}
