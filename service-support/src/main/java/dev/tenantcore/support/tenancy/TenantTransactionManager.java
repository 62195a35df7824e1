package dev.tenantcore.support.tenancy;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.TransactionDefinition;

/**
 * A JDBC transaction manager that hands the current {@link TenantContext} to PostgreSQL at the start of
 * every transaction with transaction-local settings ({@code set_config(..., true)}), so they vanish at
 * commit or rollback and a pooled connection (or PgBouncer in transaction mode) never leaks a tenant.
 * Without a tenant the settings are empty and row-level-security policies match no rows.
 */
public class TenantTransactionManager extends JdbcTransactionManager {

    private static final String SET_TENANT =
            "select set_config('app.current_org', ?, true), set_config('app.current_user', ?, true)";

    public TenantTransactionManager(DataSource dataSource) {
        super(dataSource);
    }

    @Override
    protected void prepareTransactionalConnection(Connection connection, TransactionDefinition definition)
            throws SQLException {
        super.prepareTransactionalConnection(connection, definition);
        var tenant = TenantContext.current();
        try (var statement = connection.prepareStatement(SET_TENANT)) {
            statement.setString(
                    1,
                    tenant.map(t -> t.orgId() == null ? "" : t.orgId().toString())
                            .orElse(""));
            statement.setString(
                    2,
                    tenant.map(t -> t.userId() == null ? "" : t.userId().toString())
                            .orElse(""));
            statement.execute();
        }
    }
}
