package dev.fiveohtwo.reports;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Map;

/**
 * The report store on a real PostgreSQL (started by deploy/lab/postgres.sh), the database of several replicas: the
 * V3 migration, TEXT columns, LIMIT in a subquery and time zones as PostgreSQL has them. Each test gets a database.
 */
class ReportStorePostgresIT extends ReportStoreContract {
    static final String SERVER = System.getProperty("fiveohtwo.test.postgres", "jdbc:postgresql://127.0.0.1:5432/");

    @Override
    String jdbcUrl(String name) {
        String db = "t_" + name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        try (Connection c = DriverManager.getConnection(SERVER + "postgres", "fiveohtwo", "fiveohtwo");
                Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + db);
        } catch (SQLException e) {
            if (!"42P04".equals(e.getSQLState())) {
                throw new IllegalStateException(
                        "PostgreSQL is not reachable: run deploy/lab/postgres.sh (" + e.getMessage() + ")", e);
            }
        }
        return SERVER + db;
    }

    @Override
    Map<String, Object> extraProperties() {
        return Map.of(
                "datasources.default.driver-class-name",
                "org.postgresql.Driver",
                "datasources.default.username",
                "fiveohtwo",
                "datasources.default.password",
                "fiveohtwo");
    }

    @Override
    Connection connect(String url) throws SQLException {
        return plain(url, "fiveohtwo", "fiveohtwo");
    }
}
