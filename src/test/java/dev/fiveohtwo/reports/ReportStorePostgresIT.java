package dev.fiveohtwo.reports;

import dev.fiveohtwo.system.TestPostgres;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;

/**
 * The report store on a real PostgreSQL (started by deploy/lab/postgres.sh), the database of several replicas: the
 * V3 migration, TEXT columns, LIMIT in a subquery and time zones as PostgreSQL has them. Each test gets a database.
 */
class ReportStorePostgresIT extends ReportStoreContract {
    @Override
    String jdbcUrl(String name) {
        return TestPostgres.database(name);
    }

    @Override
    Map<String, Object> extraProperties() {
        return TestPostgres.datasource();
    }

    @Override
    Connection connect(String url) throws SQLException {
        return plain(url, TestPostgres.USER, TestPostgres.PASSWORD);
    }
}
