package dev.tenantcore.worker.tenancy;

import dev.tenantcore.support.tenancy.TenantContext;
import dev.tenantcore.support.tenancy.TenantContext.Tenant;
import java.util.UUID;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs database work in a transaction as an org: service-support's {@link TenantContext} hands the org to
 * PostgreSQL at the transaction's start ({@code app.current_org}), where the row-level-security policies of
 * {@code worker.jobs}, {@code worker.processed_jobs} and {@code worker.reports} read it. Every access to those
 * tables goes through here; a statement outside a transaction carries no org and sees only rows without one.
 *
 * <p>A job without an org (e.g. a sign-up e-mail) runs with no org set; the policies let such a transaction see
 * and write the rows whose {@code org_id} is null, and no org's rows. Work inside a transaction that is already
 * running joins it, and with it the org it was started for.
 */
@Component
public class TenantTransactions {

    private final TransactionTemplate transactions;

    TenantTransactions(TransactionTemplate transactions) {
        this.transactions = transactions;
    }

    /** Runs the work in a transaction as the org (null: only rows without an org) and the acting user. */
    public <T extends @Nullable Object> T inOrg(@Nullable UUID orgId, @Nullable UUID userId, Supplier<T> work) {
        return TenantContext.callAs(new Tenant(orgId, userId), () -> transactions.execute(status -> work.get()));
    }

    /** {@link #inOrg} without a result. */
    public void runInOrg(@Nullable UUID orgId, @Nullable UUID userId, Runnable work) {
        TenantContext.runAs(new Tenant(orgId, userId), () -> transactions.executeWithoutResult(status -> work.run()));
    }
}
