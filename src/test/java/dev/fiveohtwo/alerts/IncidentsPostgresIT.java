package dev.fiveohtwo.alerts;

import dev.fiveohtwo.system.TestPostgres;
import java.util.Map;

/**
 * The incident ledger on a real PostgreSQL (started by deploy/lab/postgres.sh), where {@code ON CONFLICT DO
 * NOTHING} and the conditional updates decide between replicas. Each test gets a database of its own.
 */
class IncidentsPostgresIT extends IncidentsContract {
    @Override
    String jdbcUrl(String name) {
        return TestPostgres.database(name);
    }

    @Override
    Map<String, Object> extraProperties() {
        return TestPostgres.datasource();
    }
}
