package dev.tenantcore.support.tenancy;

import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.datasource.LazyConnectionDataSourceProxy;

/**
 * Sends read-only transactions ({@code @Transactional(readOnly = true)}) to a PostgreSQL replica when
 * {@code tenantcore.database.replica.url} is set, with Spring's {@link LazyConnectionDataSourceProxy}: the
 * connection is taken on the first statement, from the replica pool if the transaction is read-only, from the
 * primary otherwise. Tenant settings and row-level security apply on the replica exactly as on the primary
 * (the settings are transaction-local; the replica has the same roles and policies). Without the property
 * nothing changes.
 *
 * <p>Settings: {@code tenantcore.database.replica.url} (JDBC URL of the replica or of a PgBouncer in front of
 * the replicas), {@code .username} and {@code .password} (default: the primary's), {@code .pool-size} (default
 * the primary's, 10). A replica lags its primary by its replication delay: only reads that tolerate that belong
 * in read-only transactions (lists, searches' grants), never a read-your-own-write.
 */
public final class ReadReplicaRouting implements BeanPostProcessor, DisposableBean {

    static final String PREFIX = "tenantcore.database.replica.";

    private final Environment environment;
    private @Nullable HikariDataSource replica;

    public ReadReplicaRouting(Environment environment) {
        this.environment = environment;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        String url = environment.getProperty(PREFIX + "url");
        if (!(bean instanceof DataSource primary)
                || !"dataSource".equals(beanName)
                || url == null
                || url.isBlank()
                || bean instanceof LazyConnectionDataSourceProxy) {
            return bean;
        }
        var pool = new HikariDataSource();
        pool.setPoolName("replica");
        pool.setJdbcUrl(url);
        pool.setUsername(environment.getProperty(
                PREFIX + "username", environment.getProperty("spring.datasource.username", "")));
        pool.setPassword(environment.getProperty(
                PREFIX + "password", environment.getProperty("spring.datasource.password", "")));
        pool.setMaximumPoolSize(environment.getProperty(
                PREFIX + "pool-size",
                Integer.class,
                environment.getProperty("spring.datasource.hikari.maximum-pool-size", Integer.class, 10)));
        pool.setReadOnly(true);
        replica = pool;
        return route(primary, pool);
    }

    /** The primary, with read-only transactions served by the replica. */
    public static DataSource route(DataSource primary, DataSource replica) {
        var proxy = new LazyConnectionDataSourceProxy(primary);
        proxy.setReadOnlyDataSource(replica);
        return proxy;
    }

    @Override
    public void destroy() {
        if (replica != null) {
            replica.close();
        }
    }
}
