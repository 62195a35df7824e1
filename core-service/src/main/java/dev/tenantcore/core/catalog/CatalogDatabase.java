package dev.tenantcore.core.catalog;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.util.function.Function;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The catalog's pool, logged in as {@code core_catalog}: read-only connections, each read in a read-only
 * transaction. Deliberately not a bean of type {@code DataSource}, so nothing else can inject it (and
 * Boot's own datasource stays the application one). Connects lazily: core starts without it.
 */
@Component
class CatalogDatabase implements DisposableBean {

    private final HikariDataSource pool;
    private final JdbcClient jdbc;
    private final TransactionTemplate readOnly;

    CatalogDatabase(CatalogProperties properties, JdbcConnectionDetails application) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("catalog");
        config.setJdbcUrl(properties.url() == null ? application.getJdbcUrl() : properties.url());
        config.setUsername(properties.username());
        config.setPassword(properties.password());
        config.setMaximumPoolSize(properties.maxPoolSize());
        config.setMinimumIdle(0);
        config.setReadOnly(true);
        config.setConnectionTimeout(3_000);
        config.setInitializationFailTimeout(-1);
        this.pool = new HikariDataSource(config);
        this.jdbc = JdbcClient.create(pool);
        var transactions = new DataSourceTransactionManager(pool);
        transactions.setEnforceReadOnly(true);
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
    }

    <T> T read(Function<JdbcClient, T> work) {
        return readOnly.execute(status -> work.apply(jdbc));
    }

    @Override
    public void destroy() {
        pool.close();
    }
}
