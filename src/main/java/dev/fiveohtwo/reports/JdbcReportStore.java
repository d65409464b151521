package dev.fiveohtwo.reports;

import dev.fiveohtwo.knowledge.Verdict;
import dev.fiveohtwo.triage.Report;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Kept reports in the {@code report} table (db/migration/V3__reports.sql), in plain JDBC so that the bot (on its
 * connection pool) and the CLI (on one H2 file, without starting Micronaut Data or Flyway) share one store. Every
 * save deletes what is past the {@link Retention}: older than its age on any server, beyond its count on this one.
 */
public final class JdbcReportStore implements ReportStore {
    private static final String COLUMNS =
            "id, server, checked_at, verdict, top_cause, headline, requested_by, raw_output, facts";
    private static final int MAX_HISTORY = 1000;
    private final Connections connections;
    private final Retention retention;
    private final Clock clock;

    /** Where connections come from: a pool's {@code getConnection}, or {@code DriverManager}. Each one is closed after use. */
    @FunctionalInterface
    public interface Connections {
        Connection open() throws SQLException;
    }

    private JdbcReportStore(Connections connections, Retention retention, Clock clock) {
        this.connections = connections;
        this.retention = retention;
        this.clock = clock;
    }

    /** A store on a database whose schema is migrated (V3 or later). */
    public static JdbcReportStore on(Connections connections, Retention retention, Clock clock) {
        return new JdbcReportStore(connections, retention, clock);
    }

    /** @throws ReportStoreException when the database cannot be written */
    @Override
    public StoredReport save(Report report, String requestedBy) {
        return save(StoredReport.of(report, requestedBy));
    }

    /** Keeps a report made with {@link StoredReport#of}; prunes as {@link #save(Report, String)} does. */
    public StoredReport save(StoredReport r) {
        try (Connection c = connections.open()) {
            try (PreparedStatement s =
                    c.prepareStatement("INSERT INTO report (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                s.setString(1, r.id());
                s.setString(2, r.server());
                s.setObject(3, OffsetDateTime.ofInstant(r.checkedAt(), ZoneOffset.UTC));
                s.setString(4, r.verdict().id());
                s.setString(5, r.topCause().orElse(null));
                s.setString(6, r.headline());
                s.setString(7, r.requestedBy());
                s.setString(8, r.raw());
                s.setString(9, encode(r.facts()));
                s.executeUpdate();
            }
            prune(c, r.server());
            return r;
        } catch (SQLException e) {
            throw new ReportStoreException("cannot keep the report of " + r.server(), e);
        }
    }

    @Override
    public Optional<StoredReport> find(String id) {
        if (!ReportIds.wellFormed(id)) {
            return Optional.empty();
        }
        return query("SELECT " + COLUMNS + " FROM report WHERE id = ?", 1, id).stream()
                .findFirst();
    }

    @Override
    public List<StoredReport> history(String server, int limit) {
        int n = Math.max(0, Math.min(limit, MAX_HISTORY));
        return query(
                "SELECT " + COLUMNS + " FROM report WHERE server = ? ORDER BY checked_at DESC, seq DESC", n, server);
    }

    @Override
    public Optional<StoredReport> lastHealthy(String server, Instant before) {
        return query(
                        "SELECT " + COLUMNS + " FROM report WHERE server = ? AND verdict = ? AND checked_at < ?"
                                + " ORDER BY checked_at DESC, seq DESC",
                        1,
                        server,
                        Verdict.HEALTHY.id(),
                        OffsetDateTime.ofInstant(before, ZoneOffset.UTC))
                .stream()
                .findFirst();
    }

    private void prune(Connection c, String server) throws SQLException {
        try (PreparedStatement old = c.prepareStatement("DELETE FROM report WHERE checked_at < ?")) {
            old.setObject(1, OffsetDateTime.ofInstant(clock.instant().minus(retention.keep()), ZoneOffset.UTC));
            old.executeUpdate();
        }
        long count;
        try (PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM report WHERE server = ?")) {
            s.setString(1, server);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                count = rs.getLong(1);
            }
        }
        if (count <= retention.perServer()) {
            return;
        }
        try (PreparedStatement s = c.prepareStatement("DELETE FROM report WHERE server = ? AND seq NOT IN"
                + " (SELECT seq FROM report WHERE server = ? ORDER BY checked_at DESC, seq DESC LIMIT ?)")) {
            s.setString(1, server);
            s.setString(2, server);
            s.setInt(3, retention.perServer());
            s.executeUpdate();
        }
    }

    private List<StoredReport> query(String sql, int limit, Object... parameters) {
        if (limit == 0) {
            return List.of();
        }
        try (Connection c = connections.open();
                PreparedStatement s = c.prepareStatement(sql + " LIMIT " + limit)) {
            for (int i = 0; i < parameters.length; i++) {
                s.setObject(i + 1, parameters[i]);
            }
            List<StoredReport> out = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(row(rs));
                }
            }
            return List.copyOf(out);
        } catch (SQLException e) {
            throw new ReportStoreException("cannot read kept reports", e);
        }
    }

    private static StoredReport row(ResultSet rs) throws SQLException {
        String verdict = rs.getString("verdict");
        return new StoredReport(
                rs.getString("id"),
                rs.getString("server"),
                rs.getObject("checked_at", OffsetDateTime.class).toInstant(),
                Arrays.stream(Verdict.values())
                        .filter(v -> v.id().equals(verdict))
                        .findFirst()
                        .orElse(Verdict.INCONCLUSIVE),
                Optional.ofNullable(rs.getString("top_cause")),
                rs.getString("headline"),
                rs.getString("requested_by"),
                rs.getString("raw_output"),
                decode(rs.getString("facts")));
    }

    /** One {@code name<TAB>value} a line, with backslash, tab and newline escaped. */
    static String encode(Map<String, String> facts) {
        StringBuilder out = new StringBuilder();
        facts.forEach(
                (k, v) -> out.append(escape(k)).append('\t').append(escape(v)).append('\n'));
        return out.toString();
    }

    static SortedMap<String, String> decode(String text) {
        SortedMap<String, String> facts = new TreeMap<>();
        for (String line : text.split("\n")) {
            int tab = line.indexOf('\t');
            if (tab > 0) {
                facts.put(unescape(line.substring(0, tab)), unescape(line.substring(tab + 1)));
            }
        }
        return Collections.unmodifiableSortedMap(facts);
    }

    private static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n");
    }

    private static String unescape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char n = s.charAt(++i);
                out.append(n == 't' ? '\t' : n == 'n' ? '\n' : n);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
