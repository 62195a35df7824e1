package dev.tenantcore.core.tenancy;

import dev.tenantcore.support.tenancy.TenantContext;
import dev.tenantcore.support.tenancy.TenantContext.Tenant;
import java.util.UUID;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs work in a transaction on behalf of a tenant, so that row-level security sees the org (and user)
 * the work is for. A transaction already running is joined, keeping its tenant.
 */
@Component
public class Tenancy {

    private final TransactionTemplate transactions;
    private final TransactionTemplate fresh;

    Tenancy(PlatformTransactionManager transactionManager) {
        this.transactions = new TransactionTemplate(transactionManager);
        this.fresh = new TransactionTemplate(transactionManager);
        this.fresh.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.fresh.setReadOnly(true);
    }

    /** Work in the org on behalf of the user. */
    public <T> T inOrg(UUID orgId, @Nullable UUID userId, Supplier<T> work) {
        return TenantContext.callAs(Tenant.org(orgId, userId), () -> transactions.execute(status -> work.get()));
    }

    public void runInOrg(UUID orgId, @Nullable UUID userId, Runnable work) {
        inOrg(orgId, userId, () -> {
            work.run();
            return null;
        });
    }

    /** Read-only work in the org in a transaction of its own, seeing only committed data. */
    public <T> T readCommitted(UUID orgId, @Nullable UUID userId, Supplier<T> work) {
        return TenantContext.callAs(Tenant.org(orgId, userId), () -> fresh.execute(status -> work.get()));
    }

    /** Work for a user outside any org: only the user's own memberships and their orgs are visible. */
    public <T> T asUser(UUID userId, Supplier<T> work) {
        return TenantContext.callAs(Tenant.user(userId), () -> transactions.execute(status -> work.get()));
    }
}
