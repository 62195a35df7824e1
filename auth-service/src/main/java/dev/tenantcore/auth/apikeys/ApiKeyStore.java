package dev.tenantcore.auth.apikeys;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The {@code api_keys} table (row-level security by org) and its prefix index. */
@Repository
class ApiKeyStore {

    private static final String COLUMNS =
            "id, org_id, name, prefix, scopes, created_by, created_at, last_used_at, expires_at, revoked_at";

    private final JdbcClient jdbc;
    private final JsonMapper json;

    ApiKeyStore(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    record Located(UUID keyId, UUID orgId) {}

    record Credentials(
            ApiKey key,
            byte[] secretHash,
            @Nullable String previousPrefix,
            byte @Nullable [] previousHash,
            @Nullable Instant previousValidUntil) {

        boolean matches(String prefix, byte[] hash, Instant now) {
            if (key.revokedAt() != null
                    || (key.expiresAt() != null && !key.expiresAt().isAfter(now))) {
                return false;
            }
            if (prefix.equals(key.prefix())) {
                return ApiKeys.sameHash(secretHash, hash);
            }
            return prefix.equals(previousPrefix)
                    && previousHash != null
                    && previousValidUntil != null
                    && previousValidUntil.isAfter(now)
                    && ApiKeys.sameHash(previousHash, hash);
        }
    }

    void insert(
            UUID id,
            UUID orgId,
            String name,
            List<ApiKey.Permission> scopes,
            String prefix,
            byte[] hash,
            UUID createdBy,
            @Nullable Instant expiresAt) {
        jdbc.sql("""
                        INSERT INTO api_keys (id, org_id, name, scopes, prefix, secret_hash, created_by, expires_at)
                        VALUES (?, ?, ?, ?::jsonb, ?, ?, ?, ?)
                        """)
                .params(
                        id,
                        orgId,
                        name,
                        json.writeValueAsString(scopes),
                        prefix,
                        hash,
                        createdBy,
                        expiresAt == null ? null : Timestamp.from(expiresAt))
                .update();
        jdbc.sql("INSERT INTO api_key_prefixes (prefix, key_id, org_id) VALUES (?, ?, ?)")
                .params(prefix, id, orgId)
                .update();
    }

    boolean rotate(UUID id, UUID orgId, String prefix, byte[] hash, Instant previousValidUntil) {
        int updated = jdbc.sql("""
                        UPDATE api_keys SET previous_prefix = prefix, previous_secret_hash = secret_hash,
                               previous_valid_until = ?, prefix = ?, secret_hash = ?
                        WHERE id = ? AND revoked_at IS NULL
                        """)
                .params(Timestamp.from(previousValidUntil), prefix, hash, id)
                .update();
        if (updated == 1) {
            jdbc.sql("INSERT INTO api_key_prefixes (prefix, key_id, org_id) VALUES (?, ?, ?)")
                    .params(prefix, id, orgId)
                    .update();
        }
        return updated == 1;
    }

    Optional<ApiKey> revoke(UUID id) {
        return jdbc.sql("UPDATE api_keys SET revoked_at = now() WHERE id = ? AND revoked_at IS NULL RETURNING "
                        + COLUMNS)
                .param(id)
                .query(this::key)
                .optional();
    }

    Optional<ApiKey> byId(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM api_keys WHERE id = ?")
                .param(id)
                .query(this::key)
                .optional();
    }

    List<ApiKey> list(long offset, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM api_keys ORDER BY created_at DESC, id OFFSET ? LIMIT ?")
                .params(offset, limit)
                .query(this::key)
                .list();
    }

    long count() {
        return jdbc.sql("SELECT count(*) FROM api_keys").query(Long.class).single();
    }

    Optional<Located> locate(String prefix) {
        return jdbc.sql("SELECT key_id, org_id FROM api_key_prefixes WHERE prefix = ?")
                .param(prefix)
                .query((rs, n) -> new Located(rs.getObject("key_id", UUID.class), rs.getObject("org_id", UUID.class)))
                .optional();
    }

    Optional<Credentials> credentials(UUID id) {
        return jdbc.sql(
                        "SELECT " + COLUMNS
                                + ", secret_hash, previous_prefix, previous_secret_hash, previous_valid_until FROM api_keys WHERE id = ?")
                .param(id)
                .query((rs, n) -> new Credentials(
                        key(rs, n),
                        rs.getBytes("secret_hash"),
                        rs.getString("previous_prefix"),
                        rs.getBytes("previous_secret_hash"),
                        instant(rs.getTimestamp("previous_valid_until"))))
                .optional();
    }

    void used(UUID id) {
        jdbc.sql("UPDATE api_keys SET last_used_at = now() WHERE id = ?")
                .param(id)
                .update();
    }

    private ApiKey key(ResultSet rs, int n) throws SQLException {
        List<ApiKey.Permission> scopes =
                json.readValue(rs.getString("scopes"), new TypeReference<List<ApiKey.Permission>>() {});
        return new ApiKey(
                rs.getObject("id", UUID.class),
                rs.getObject("org_id", UUID.class),
                rs.getString("name"),
                rs.getString("prefix"),
                scopes,
                rs.getObject("created_by", UUID.class),
                rs.getTimestamp("created_at").toInstant(),
                instant(rs.getTimestamp("last_used_at")),
                instant(rs.getTimestamp("expires_at")),
                instant(rs.getTimestamp("revoked_at")));
    }

    private static @Nullable Instant instant(@Nullable Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
