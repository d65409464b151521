package dev.fiveohtwo.slack;

import dev.fiveohtwo.system.TestPostgres;
import java.util.Map;

/**
 * The delivery ledger on a real PostgreSQL (started by deploy/lab/postgres.sh), where {@code ON CONFLICT DO
 * NOTHING} and the unique key decide between replicas. Each test gets a database of its own.
 */
class DeliveriesPostgresIT extends DeliveriesContract {
    @Override
    String jdbcUrl(String name) {
        return TestPostgres.database(name);
    }

    @Override
    Map<String, Object> extraProperties() {
        return TestPostgres.datasource();
    }
}
