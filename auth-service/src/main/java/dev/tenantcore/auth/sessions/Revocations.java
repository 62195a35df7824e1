package dev.tenantcore.auth.sessions;

import dev.tenantcore.auth.config.AuthProperties;
import dev.tenantcore.auth.revocation.RevocationList;
import dev.tenantcore.contracts.security.RevocationKeys;
import java.util.Collection;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * The revoked sessions on the revocation list the gateway (and this service) checks, so a revoked session's
 * access tokens stop working at once. An entry lives as long as an access token can.
 */
@Component
class Revocations {

    private final RevocationList list;
    private final AuthProperties properties;

    Revocations(RevocationList list, AuthProperties properties) {
        this.list = list;
        this.properties = properties;
    }

    void sessions(Collection<UUID> sessionIds) {
        for (UUID id : sessionIds) {
            list.revoke(
                    RevocationKeys.session(id.toString()), properties.tokens().accessTokenTtl());
        }
    }

    boolean isSessionRevoked(String sessionId) {
        return list.isRevoked(RevocationKeys.session(sessionId));
    }
}
