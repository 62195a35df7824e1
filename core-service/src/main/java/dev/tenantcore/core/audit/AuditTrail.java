package dev.tenantcore.core.audit;

import dev.tenantcore.contracts.security.HeaderNames;
import dev.tenantcore.support.web.RequestIdFilter;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;
import org.springframework.core.Ordered;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import tools.jackson.databind.json.JsonMapper;

/**
 * Records writes in the audit log, inside the transaction of the write. The database numbers each entry
 * and chains its hash to the org's previous entry.
 *
 * <p>Chaining locks the org's chain head until the transaction ends, so appends of one org are serialised. The
 * entries of a transaction are therefore written just before it commits, after the write's other statements
 * (the change itself, its outbox event): the lock is held for the append and the commit only, not for the whole
 * transaction, which keeps a busy organization's concurrent writes from queueing behind each other. They are
 * still written in the transaction: a failed append rolls the write back, and a rolled-back write leaves no entry.
 */
@Component
public class AuditTrail {

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final Object pendingKey = new Object();

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
        if (!TransactionSynchronizationManager.isActualTransactionActive()
                || !TransactionSynchronizationManager.isSynchronizationActive()) {
            throw new IllegalStateException("audit entries are written inside the transaction of the change");
        }
        HttpServletRequest request = currentRequest();
        pending()
                .add(new Entry(
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
                        MDC.get(RequestIdFilter.MDC_KEY)));
    }

    /** This transaction's entries, appended in the order recorded just before it commits. */
    @SuppressWarnings("unchecked")
    private List<Entry> pending() {
        var entries = (List<Entry>) TransactionSynchronizationManager.getResource(pendingKey);
        if (entries != null) {
            return entries;
        }
        var created = new ArrayList<Entry>();
        TransactionSynchronizationManager.bindResource(pendingKey, created);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void beforeCommit(boolean readOnly) {
                created.forEach(AuditTrail.this::append);
                created.clear();
            }

            @Override
            public void afterCompletion(int status) {
                TransactionSynchronizationManager.unbindResourceIfPossible(pendingKey);
            }

            @Override
            public int getOrder() {
                // After every other before-commit work that might still record an entry.
                return Ordered.LOWEST_PRECEDENCE;
            }
        });
        return created;
    }

    private void append(Entry entry) {
        jdbc.sql("""
                        insert into audit_log (id, org_id, seq, actor_id, action, resource_type, resource_id,
                            before, after, ip, user_agent, request_id, created_at, hash)
                        values (?, ?, 0, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?, ?, ?, clock_timestamp(), '\\x')""")
                .params(
                        entry.id(),
                        entry.orgId(),
                        entry.actorId(),
                        entry.action(),
                        entry.resourceType(),
                        entry.resourceId(),
                        entry.before(),
                        entry.after(),
                        entry.ip(),
                        entry.userAgent(),
                        entry.requestId())
                .update();
    }

    /** An entry as recorded, its resource states already serialised (later changes to the objects do not count). */
    private record Entry(
            UUID id,
            UUID orgId,
            @Nullable UUID actorId,
            String action,
            String resourceType,
            @Nullable String resourceId,
            @Nullable String before,
            @Nullable String after,
            @Nullable String ip,
            @Nullable String userAgent,
            @Nullable String requestId) {}

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
