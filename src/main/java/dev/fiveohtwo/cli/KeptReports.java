package dev.fiveohtwo.cli;

import dev.fiveohtwo.reports.JdbcReportStore;
import dev.fiveohtwo.reports.ReportStoreException;
import dev.fiveohtwo.reports.Retention;
import io.micronaut.context.env.yaml.YamlPropertySourceLoader;
import io.micronaut.core.value.PropertyResolver;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.flywaydb.core.Flyway;

/**
 * The report store of a short command ({@code check}, {@code history}): the database {@code serve} uses
 * (application-bot.yml, or {@code DATASOURCES_DEFAULT_*} from the environment), so that the CLI and the bot on one
 * box share one history, opened with plain JDBC instead of a connection pool and Micronaut Data. The schema is
 * migrated with the bot's own Flyway migrations, and only when the {@code report} table is missing, so a run on an
 * existing database pays for one connection and nothing else. One connection stays open for the whole run: an H2
 * file database stays open with it, so each operation's own connection is cheap.
 */
final class KeptReports implements AutoCloseable {
    private static final String BOT_CONFIG = "application-bot.yml";
    private final Connection anchor;
    private final JdbcReportStore store;

    private KeptReports(Connection anchor, JdbcReportStore store) {
        this.anchor = anchor;
        this.store = store;
    }

    /** The database's address and login. */
    record Database(String url, String username, String password) {
        /** The settings {@code serve} would use: the environment's, else application-bot.yml's. */
        static Database of(PropertyResolver environment) {
            Map<String, Object> bot = botConfig();
            return new Database(
                    setting(environment, bot, "url"),
                    setting(environment, bot, "username"),
                    setting(environment, bot, "password"));
        }

        /**
         * The URL the CLI connects with: an H2 file's gets no trace file, whose errors H2 would print to stderr
         * itself (the file and every other setting are serve's).
         */
        String connectUrl() {
            return url.startsWith("jdbc:h2:")
                            && !url.toUpperCase(java.util.Locale.ROOT).contains("TRACE_LEVEL_FILE")
                    ? url + ";TRACE_LEVEL_FILE=0"
                    : url;
        }

        private static String setting(PropertyResolver environment, Map<String, Object> bot, String name) {
            String key = "datasources.default." + name;
            return environment
                    .getProperty(key, String.class)
                    .orElseGet(() -> String.valueOf(bot.getOrDefault(key, "")));
        }

        /** The H2 file this opens, when it is an H2 file URL: {@code ./data/fiveohtwo.mv.db}. */
        Optional<Path> file() {
            return AuditCommand.h2File(url);
        }

        /** Where, for people: the file, or the URL without its parameters (which may hold a password). */
        String where() {
            return file().map(Path::toString).orElseGet(() -> url.replaceAll("[;?].*$", ""));
        }
    }

    /**
     * Opens the store.
     *
     * @param create whether a missing database may be created ({@code check}); {@code history} only reads
     * @return empty when the database does not exist and {@code create} is false
     * @throws ReportStoreException when the database cannot be opened or migrated (locked, read-only, unreachable)
     */
    static Optional<KeptReports> open(Database db, Retention retention, boolean create) {
        if (!create && db.file().filter(f -> !Files.exists(f)).isPresent()) {
            return Optional.empty();
        }
        Connection anchor = null;
        try {
            anchor = DriverManager.getConnection(db.connectUrl(), db.username(), db.password());
            if (!hasSchema(anchor)) {
                if (!create) {
                    anchor.close();
                    return Optional.empty();
                }
                Flyway.configure()
                        .dataSource(db.connectUrl(), db.username(), db.password())
                        .locations("classpath:db/migration")
                        .load()
                        .migrate();
            }
            JdbcReportStore store = JdbcReportStore.on(
                    () -> DriverManager.getConnection(db.connectUrl(), db.username(), db.password()),
                    retention,
                    Clock.systemUTC());
            return Optional.of(new KeptReports(anchor, store));
        } catch (SQLException | RuntimeException e) {
            closeQuietly(anchor);
            throw new ReportStoreException(reason(e), e);
        }
    }

    JdbcReportStore store() {
        return store;
    }

    @Override
    public void close() {
        closeQuietly(anchor);
    }

    private static boolean hasSchema(Connection c) throws SQLException {
        try (ResultSet tables = c.getMetaData().getTables(null, null, "%", new String[] {"TABLE"})) {
            while (tables.next()) {
                if ("report".equalsIgnoreCase(tables.getString("TABLE_NAME"))) {
                    return true;
                }
            }
            return false;
        }
    }

    /** Why, in a line: the database's own first line, which names the file or the server, never the password. */
    static String reason(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message =
                Optional.ofNullable(root.getMessage()).orElse(root.getClass().getSimpleName());
        String line = message.lines().findFirst().orElse("").strip();
        // H2 appends its URL (parameters included) and an error code or its version in brackets
        line = line.replaceAll("\\s*\\[(\\d{5}-\\d+|\\d+\\.\\d+\\.\\d+/\\d+)\\]$", "")
                .replaceAll("jdbc:[^\\s\"]*", "the database");
        if (line.contains("locked") || line.contains("already in use")) {
            line += " (another process has it open: a running serve keeps its H2 file to itself)";
        }
        return line.length() > 200 ? line.substring(0, 200) + "…" : line;
    }

    private static Map<String, Object> botConfig() {
        try (InputStream in = KeptReports.class.getClassLoader().getResourceAsStream(BOT_CONFIG)) {
            return in == null ? Map.of() : new YamlPropertySourceLoader().read(BOT_CONFIG, in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + BOT_CONFIG, e);
        }
    }

    private static void closeQuietly(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException e) {
                // nothing was written on it: the anchor only keeps the database open
            }
        }
    }
}
