package dev.fiveohtwo.remediation;

import dev.fiveohtwo.system.TestPostgres;
import java.util.Map;

/**
 * The restart contract on a real PostgreSQL (started by deploy/lab/postgres.sh): the store for several
 * replicas. Each test gets a database of its own.
 */
class RemediationPostgresIT extends RemediationContract {
    @Override
    String jdbcUrl(String name) {
        return TestPostgres.database(name);
    }

    @Override
    Map<String, Object> extraProperties() {
        return TestPostgres.datasource();
    }
}
