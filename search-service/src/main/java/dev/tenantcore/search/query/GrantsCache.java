package dev.tenantcore.search.query;

import dev.tenantcore.search.coreapi.CoreApi;
import dev.tenantcore.search.coreapi.CoreApiProperties;
import dev.tenantcore.search.coreapi.Grants;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Grants per user and org, reused for {@code grants-ttl} (1 s): a typing user's queries cost core one call
 * per second, and a revoked role disappears from results within that time.
 */
@Component
class GrantsCache {

    private static final int MAX_ENTRIES = 10_000;

    private final CoreApi core;
    private final CoreApiProperties properties;
    private final Clock clock = Clock.systemUTC();
    private final Map<Key, Entry> entries = new ConcurrentHashMap<>();

    GrantsCache(CoreApi core, CoreApiProperties properties) {
        this.core = core;
        this.properties = properties;
    }

    Grants get(UUID userId, UUID orgId) {
        Instant now = clock.instant();
        Key key = new Key(userId, orgId);
        Entry entry = entries.get(key);
        if (entry != null && now.isBefore(entry.expiresAt())) {
            return entry.grants();
        }
        Grants grants = core.grants(userId, orgId);
        if (entries.size() >= MAX_ENTRIES) {
            entries.values().removeIf(e -> !now.isBefore(e.expiresAt()));
        }
        entries.put(key, new Entry(grants, now.plus(properties.grantsTtl())));
        return grants;
    }

    private record Key(UUID userId, UUID orgId) {}

    private record Entry(Grants grants, Instant expiresAt) {}
}
