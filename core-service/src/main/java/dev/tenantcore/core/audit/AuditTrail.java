package dev.tenantcore.core.audit;

import dev.tenantcore.contracts.security.HeaderNames;
import dev.tenantcore.support.web.RequestIdFilter;
import jakarta.servlet.http.HttpServletRequest;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import tools.jackson.databind.json.JsonMapper;

/**
 * Records writes in the audit log, inside the transaction of the write. The database numbers each entry
 * and chains its hash to the org's previous entry.
 */
@Component
public class AuditTrail {

    private final JdbcClient jdbc;
    private final JsonMapper json;

    AuditTrail(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /**
     * @param action what happened, e.g. {@code project.updated}
     * @param before the resource before the change (null for creations)
     * @param after the resource after the change (null for deletions)
     */
    public void record(
            UUID orgId,
            @Nullable UUID actorId,
            String action,
            String resourceType,
            @Nullable Object resourceId,
            @Nullable Object before,
            @Nullable Object after) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("audit entries are written inside the transaction of the change");
        }
        HttpServletRequest request = currentRequest();
        jdbc.sql("""
                        insert into audit_log (id, org_id, seq, actor_id, action, resource_type, resource_id,
                            before, after, ip, user_agent, request_id, created_at, hash)
                        values (?, ?, 0, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?, ?, ?, clock_timestamp(), '\\x')""")
                .params(
                        UUID.randomUUID(),
                        orgId,
                        actorId,
                        action,
                        resourceType,
                        resourceId == null ? null : resourceId.toString(),
                        before == null ? null : json.writeValueAsString(before),
                        after == null ? null : json.writeValueAsString(after),
                        request == null ? null : clientIp(request),
                        request == null ? null : truncate(request.getHeader("User-Agent")),
                        MDC.get(RequestIdFilter.MDC_KEY))
                .update();
    }

    private static @Nullable HttpServletRequest currentRequest() {
        return RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes
                ? attributes.getRequest()
                : null;
    }

    private static String clientIp(HttpServletRequest request) {
        // Set by the gateway (which strips any client-sent value); direct calls fall back to the peer.
        String fromGateway = request.getHeader(HeaderNames.CLIENT_IP);
        return fromGateway != null && !fromGateway.isBlank() ? truncate(fromGateway) : request.getRemoteAddr();
    }

    private static @Nullable String truncate(@Nullable String value) {
        return value == null || value.length() <= 500 ? value : value.substring(0, 500);
    }
}
