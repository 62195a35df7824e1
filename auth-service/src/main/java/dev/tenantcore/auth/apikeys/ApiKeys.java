package dev.tenantcore.auth.apikeys;

import dev.tenantcore.auth.audit.AuditLog;
import dev.tenantcore.auth.audit.RequestOrigin;
import dev.tenantcore.auth.config.AuthProperties;
import dev.tenantcore.auth.crypto.OpaqueTokens;
import dev.tenantcore.auth.revocation.RevocationList;
import dev.tenantcore.contracts.api.PageMeta;
import dev.tenantcore.contracts.api.PageQuery;
import dev.tenantcore.contracts.events.auth.AuthEvent;
import dev.tenantcore.contracts.security.RevocationKeys;
import dev.tenantcore.support.tenancy.TenantContext;
import dev.tenantcore.support.tenancy.TenantContext.Tenant;
import dev.tenantcore.support.web.ApiException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Organization API keys. Managing them needs core's permission ({@code create|read|update|delete} on
 * {@code api_keys}); a new key's scopes must each be permitted to its creator, so a key never exceeds them.
 * Secrets are {@code sk_live_<random>}; the first characters after the marker are a lookup prefix, the whole
 * secret is stored only as SHA-256.
 */
@Service
public class ApiKeys {

    static final String RESOURCE = "api_keys";
    private static final int PREFIX_LENGTH = 12;
    private static final Duration NO_EXPIRY_REVOCATION_TTL = Duration.ofDays(30);

    public record Page(List<ApiKey> items, PageMeta meta) {}

    private final ApiKeyStore store;
    private final CoreAuthorization authorization;
    private final AuditLog audit;
    private final TransactionTemplate transactions;
    private final RevocationList revocations;
    private final AuthProperties properties;

    ApiKeys(
            ApiKeyStore store,
            CoreAuthorization authorization,
            AuditLog audit,
            TransactionTemplate transactions,
            RevocationList revocations,
            AuthProperties properties) {
        this.store = store;
        this.authorization = authorization;
        this.audit = audit;
        this.transactions = transactions;
        this.revocations = revocations;
        this.properties = properties;
    }

    public ApiKey.WithSecret create(
            UUID orgId,
            UUID userId,
            String name,
            List<ApiKey.Permission> scopes,
            @Nullable Instant expiresAt,
            RequestOrigin origin) {
        authorize(userId, orgId, "create");
        for (ApiKey.Permission scope : scopes) {
            if (!authorization.isAllowed(userId, orgId, scope.action(), scope.resource(), Map.of())) {
                throw ApiException.forbidden(
                        "A key cannot have a permission its creator lacks: " + scope.action() + " " + scope.resource());
            }
        }
        if (expiresAt != null && !expiresAt.isAfter(Instant.now())) {
            throw new IllegalArgumentException("expiresAt must be in the future");
        }
        UUID id = UUID.randomUUID();
        Secret secret = newSecret();
        ApiKey key = inOrg(orgId, userId, () -> {
            store.insert(id, orgId, name, scopes, secret.prefix(), secret.hash(), userId, expiresAt);
            audit.record(new AuthEvent.ApiKeyCreated(id, orgId, userId, expiresAt), origin);
            return store.byId(id).orElseThrow();
        });
        return new ApiKey.WithSecret(key, secret.value());
    }

    public Page list(UUID orgId, UUID userId, PageQuery page) {
        authorize(userId, orgId, "read");
        return inOrg(orgId, userId, () -> new Page(store.list(page.offset(), page.limit()), page.meta(store.count())));
    }

    /** A new secret; the previous one keeps working for the configured overlap. */
    public ApiKey.WithSecret rotate(UUID orgId, UUID userId, UUID keyId, RequestOrigin origin) {
        authorize(userId, orgId, "update");
        Secret secret = newSecret();
        Instant previousValidUntil = Instant.now().plus(properties.apiKeys().rotationOverlap());
        ApiKey key = inOrg(orgId, userId, () -> {
            if (!store.rotate(keyId, orgId, secret.prefix(), secret.hash(), previousValidUntil)) {
                throw ApiException.notFound("API key");
            }
            audit.record(new AuthEvent.ApiKeyRotated(keyId, orgId, previousValidUntil), origin);
            return store.byId(keyId).orElseThrow();
        });
        return new ApiKey.WithSecret(key, secret.value());
    }

    /** Revokes at once: the verification refuses it and the gateway's revocation list has it. */
    public void revoke(UUID orgId, UUID userId, UUID keyId, RequestOrigin origin) {
        authorize(userId, orgId, "delete");
        ApiKey key = inOrg(orgId, userId, () -> {
            ApiKey revoked = store.revoke(keyId).orElseThrow(() -> ApiException.notFound("API key"));
            audit.record(new AuthEvent.ApiKeyRevoked(keyId, orgId), origin);
            return revoked;
        });
        Duration ttl = key.expiresAt() == null
                ? NO_EXPIRY_REVOCATION_TTL
                : Duration.between(Instant.now(), key.expiresAt()).plusMinutes(1);
        revocations.revoke(RevocationKeys.apiKey(keyId.toString()), ttl);
    }

    /** The gateway's check of a presented secret; empty when unknown, revoked, expired or past its overlap. */
    public Optional<ApiKey.Verified> verify(String secret) {
        String marker = properties.apiKeys().secretPrefix();
        if (!secret.startsWith(marker)
                || secret.length() < marker.length() + PREFIX_LENGTH + 16
                || secret.length() > 200) {
            return Optional.empty();
        }
        String prefix = secret.substring(marker.length(), marker.length() + PREFIX_LENGTH);
        var located = store.locate(prefix).orElse(null);
        if (located == null) {
            return Optional.empty();
        }
        byte[] hash = OpaqueTokens.sha256(secret);
        return inOrg(
                located.orgId(),
                null,
                () -> store.credentials(located.keyId())
                        .filter(c -> c.matches(prefix, hash, Instant.now()))
                        .map(c -> {
                            store.used(c.key().id());
                            return new ApiKey.Verified(
                                    c.key().id(),
                                    c.key().orgId(),
                                    c.key().scopes(),
                                    c.key().createdBy(),
                                    c.key().expiresAt());
                        }));
    }

    private void authorize(UUID userId, UUID orgId, String action) {
        if (!authorization.isAllowed(userId, orgId, action, RESOURCE, Map.of())) {
            throw ApiException.forbidden("You may not manage this organization's API keys");
        }
    }

    private <T> T inOrg(UUID orgId, @Nullable UUID userId, Supplier<T> work) {
        return TenantContext.callAs(Tenant.org(orgId, userId), () -> transactions.execute(status -> work.get()));
    }

    record Secret(String value, String prefix, byte[] hash) {}

    private Secret newSecret() {
        String random = OpaqueTokens.random(32);
        String value = properties.apiKeys().secretPrefix() + random;
        return new Secret(value, random.substring(0, PREFIX_LENGTH), OpaqueTokens.sha256(value));
    }

    static boolean sameHash(byte[] a, byte[] b) {
        return MessageDigest.isEqual(a, b);
    }
}
