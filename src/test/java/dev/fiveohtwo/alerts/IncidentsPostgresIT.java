package dev.fiveohtwo.alerts;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Map;

/**
 * The incident ledger on a real PostgreSQL (started by deploy/lab/postgres.sh), where {@code ON CONFLICT DO
 * NOTHING} and the conditional updates decide between replicas. Each test gets a database of its own.
 */
class IncidentsPostgresIT extends IncidentsContract {
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
}
