package io.passportsuite.common.eventing;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;

/**
 * Creates the outbox and processed-event tables in the service's own database. They have their
 * own Flyway history table so that this library can evolve them without colliding with the
 * version numbers of the service's migrations.
 */
public class EventingSchema {

    static final String HISTORY_TABLE = "eventing_schema_history";

    public EventingSchema(DataSource dataSource) {
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/eventing")
                .table(HISTORY_TABLE)
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .load()
                .migrate();
    }
}
