package dev.tenantcore.core.events;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * {@code tenantcore.outbox.backlog}: the outbox entries not yet completed (not yet on Kafka, or failed and
 * waiting for resubmission). A backlog that keeps growing means Kafka or the externalization is stuck.
 * Counted at every scrape: {@code completion_date} is indexed and the completed entries are the ones that
 * pile up, so the count reads only the few incomplete ones. Modulith's {@code IncompleteEventPublications}
 * has no count, and loading the publications to count them would cost far more.
 */
@Component
class OutboxBacklog implements MeterBinder {

    static final String METER = "tenantcore.outbox.backlog";
    private static final Logger log = LoggerFactory.getLogger(OutboxBacklog.class);

    private final JdbcClient jdbc;

    OutboxBacklog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder(METER, this, OutboxBacklog::count)
                .description("Outbox entries (event publications) not yet completed")
                .register(registry);
    }

    double count() {
        try {
            return jdbc.sql("select count(*) from event_publication where completion_date is null")
                    .query(Long.class)
                    .single();
        } catch (DataAccessException e) {
            // No value rather than a wrong one; the readiness probe reports the database itself.
            log.debug("could not count the outbox backlog: {}", e.toString());
            return Double.NaN;
        }
    }
}
