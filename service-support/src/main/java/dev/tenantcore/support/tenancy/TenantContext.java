package dev.tenantcore.support.tenancy;

import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The tenant and user on whose behalf this thread works. Transactions started while it is set carry it
 * into PostgreSQL ({@code app.current_org}, {@code app.current_user}), where row-level security reads it.
 * Set it before the transaction begins: the setting is applied when the connection joins a transaction.
 */
public final class TenantContext {

    private static final ThreadLocal<Tenant> CURRENT = new ThreadLocal<>();

    private TenantContext() {}

    /** Runs work as the tenant, restoring the previous one afterwards. */
    public static <T> T callAs(Tenant tenant, Supplier<T> work) {
        Tenant previous = CURRENT.get();
        CURRENT.set(tenant);
        try {
            return work.get();
        } finally {
            if (previous == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(previous);
            }
        }
    }

    public static void runAs(Tenant tenant, Runnable work) {
        callAs(tenant, () -> {
            work.run();
            return null;
        });
    }

    public static Optional<Tenant> current() {
        return Optional.ofNullable(CURRENT.get());
    }

    /**
     * Who a transaction works for.
     *
     * @param orgId the organization whose rows are visible; null for none
     * @param userId the acting user; null for system work
     */
    public record Tenant(@Nullable UUID orgId, @Nullable UUID userId) {

        public static Tenant org(UUID orgId, @Nullable UUID userId) {
            return new Tenant(orgId, userId);
        }

        public static Tenant user(UUID userId) {
            return new Tenant(null, userId);
        }
    }
}
