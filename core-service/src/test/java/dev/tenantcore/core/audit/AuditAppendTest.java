package dev.tenantcore.core.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantcore.core.CoreServiceTest;
import dev.tenantcore.support.tenancy.TenantContext;
import dev.tenantcore.support.tenancy.TenantContext.Tenant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** Entries are appended when their transaction commits, so an org's chain is locked only for the commit. */
@CoreServiceTest
class AuditAppendTest {

    @Autowired
    AuditTrail audit;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    JdbcClient jdbc;

    @Test
    void anOpenTransactionDoesNotHoldUpTheOrgsOtherWritesAndEntriesChainInCommitOrder() throws Exception {
        UUID org = UUID.randomUUID();
        var tenant = Tenant.org(org, null);
        var recorded = new CountDownLatch(1);
        var release = new CountDownLatch(1);
        // Own threads: the common pool may have a single one, which the open transaction would occupy.
        var threads = Executors.newFixedThreadPool(2);
        var slow = CompletableFuture.runAsync(
                () -> TenantContext.runAs(
                        tenant,
                        () -> transactions.executeWithoutResult(status -> {
                            audit.record(org, null, "project.created", "project", "slow", null, Map.of("name", "slow"));
                            recorded.countDown();
                            await(release); // the rest of a long write, still inside its transaction
                        })),
                threads);
        try {
            assertThat(recorded.await(10, TimeUnit.SECONDS)).isTrue();
            var fast = CompletableFuture.runAsync(
                    () -> TenantContext.runAs(
                            tenant,
                            () -> transactions.executeWithoutResult(status -> audit.record(
                                    org, null, "project.created", "project", "fast", null, Map.of("name", "fast")))),
                    threads);
            // Were the chain head locked at record time, this would wait for the slow write's commit.
            fast.get(5, TimeUnit.SECONDS);
        } finally {
            release.countDown();
            threads.shutdown();
        }
        slow.get(10, TimeUnit.SECONDS);

        assertThat(entries(org)).containsExactly("fast", "slow");
    }

    @Test
    void aRolledBackWriteLeavesNoEntry() {
        UUID org = UUID.randomUUID();
        TenantContext.runAs(
                Tenant.org(org, null),
                () -> transactions.executeWithoutResult(status -> {
                    audit.record(org, null, "project.created", "project", "gone", null, Map.of("name", "gone"));
                    status.setRollbackOnly();
                }));
        TenantContext.runAs(
                Tenant.org(org, null),
                () -> transactions.executeWithoutResult(status ->
                        audit.record(org, null, "project.created", "project", "kept", null, Map.of("name", "kept"))));

        assertThat(entries(org)).containsExactly("kept");
    }

    private List<String> entries(UUID org) {
        return TenantContext.callAs(
                Tenant.org(org, null),
                () -> transactions.execute(status -> jdbc
                        .sql("select resource_id || ':' || seq from audit_log where org_id = ? order by seq")
                        .param(org)
                        .query(String.class)
                        .list()
                        .stream()
                        .map(entry -> entry.substring(0, entry.indexOf(':')))
                        .toList()));
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
