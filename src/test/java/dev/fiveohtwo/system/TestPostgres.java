package dev.fiveohtwo.system;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Map;

/**
 * The real PostgreSQL the lab and CI start (deploy/lab/postgres.sh), for the stores' contracts and the replica
 * tests: each caller gets a database of its own, created when missing.
 */
public final class TestPostgres {
    /** The server; {@code -Dfiveohtwo.test.postgres=jdbc:postgresql://host:port/} points elsewhere on loopback. */
    public static final String SERVER =
            System.getProperty("fiveohtwo.test.postgres", "jdbc:postgresql://127.0.0.1:5432/");

    public static final String USER = "fiveohtwo";
    public static final String PASSWORD = "fiveohtwo";

    private TestPostgres() {}

    /** The JDBC URL of database {@code t_<name>}, created if it does not exist yet. */
    public static String database(String name) {
        String db = "t_" + name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        try (Connection c = DriverManager.getConnection(SERVER + "postgres", USER, PASSWORD);
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

    /** The datasource settings beside the URL. */
    public static Map<String, Object> datasource() {
        return Map.of(
                "datasources.default.driver-class-name",
                "org.postgresql.Driver",
                "datasources.default.username",
                USER,
                "datasources.default.password",
                PASSWORD);
    }
}
