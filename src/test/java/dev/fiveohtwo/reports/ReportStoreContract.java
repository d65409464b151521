package dev.fiveohtwo.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fiveohtwo.checks.Evidence;
import dev.fiveohtwo.checks.SecretFixture;
import dev.fiveohtwo.checks.Sections;
import dev.fiveohtwo.knowledge.Finding;
import dev.fiveohtwo.knowledge.Severity;
import dev.fiveohtwo.knowledge.Verdict;
import dev.fiveohtwo.triage.Report;
import io.micronaut.context.ApplicationContext;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The report store as the bot gets it (the {@code bot} environment: Flyway's V3, the factory's bean) on a real
 * database: H2 ({@link ReportStoreTest}) and PostgreSQL ({@link ReportStorePostgresIT}).
 */
@Timeout(120)
abstract class ReportStoreContract {
    private final List<ApplicationContext> contexts = new ArrayList<>();
    private final Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    String url;

    /** A fresh, empty database for each test. */
    abstract String jdbcUrl(String name);

    abstract Map<String, Object> extraProperties();

    abstract Connection connect(String url) throws SQLException;

    @BeforeEach
    void database() {
        url = jdbcUrl("reports" + System.nanoTime());
    }

    @AfterEach
    void stop() {
        contexts.forEach(ApplicationContext::close);
    }

    ReportStore store(Map<String, Object> settings) {
        Map<String, Object> props =
                new HashMap<>(Map.of("datasources.default.url", url, "fiveohtwo.inventory", "/dev/null"));
        props.putAll(extraProperties());
        props.putAll(settings);
        ApplicationContext context = ApplicationContext.run(props, "bot");
        contexts.add(context);
        return context.getBean(ReportStore.class);
    }

    ReportStore store() {
        return store(Map.of());
    }

    private Report report(String server, Verdict verdict, Instant at) {
        Finding top = new Finding(
                "upstream-down",
                "The upstream service is down",
                Severity.HIGH,
                0.9,
                List.of("refused"),
                List.of("fastcgi_pass 127.0.0.1:9000 → refused"),
                true,
                List.of(),
                List.of());
        List<Finding> findings = verdict == Verdict.HEALTHY ? List.of() : List.of(top);
        return new Report(
                server,
                "fiveohtwo@127.0.0.1",
                true,
                verdict,
                120,
                at,
                findings,
                List.of(),
                Optional.of(Recorded.evidence(verdict == Verdict.HEALTHY ? "healthy" : "upstream-down")),
                List.of());
    }

    @Test
    void aSavedReportIsFoundByItsIdWithEverythingItKept() {
        ReportStore store = store();

        StoredReport saved = store.save(report("web-01", Verdict.BAD_GATEWAY, now), "U012ALICE");
        StoredReport found = store.find(saved.id()).orElseThrow();

        assertEquals(saved, found);
        assertEquals(Optional.of("upstream-down"), found.topCause());
        assertEquals("502 Bad Gateway: The upstream service is down", found.headline());
        assertEquals("U012ALICE", found.requestedBy());
        assertEquals("failed (exit-code)", found.facts().get("state:php8.2-fpm"));
        assertTrue(found.raw().contains("### saved services\n"), found.raw());
    }

    @Test
    void historyIsNewestFirstLimitedAndOfOneServer() {
        ReportStore store = store();
        for (int i = 0; i < 5; i++) {
            store.save(report("web-01", Verdict.HEALTHY, now.minusSeconds(60 * (5 - i))), "cli:alice");
        }
        store.save(report("web-02", Verdict.BAD_GATEWAY, now), "cli:alice");

        List<StoredReport> history = store.history("web-01", 3);

        assertEquals(
                List.of(now.minusSeconds(60), now.minusSeconds(120), now.minusSeconds(180)),
                history.stream().map(StoredReport::checkedAt).toList());
        assertEquals(List.of(), store.history("web-03", 10));
    }

    @Test
    void theLastHealthyCheckIsTheNewestHealthyOneBeforeTheGivenTime() {
        ReportStore store = store();
        StoredReport older = store.save(report("web-01", Verdict.HEALTHY, now.minusSeconds(600)), "cli:alice");
        StoredReport newer = store.save(report("web-01", Verdict.HEALTHY, now.minusSeconds(300)), "cli:alice");
        store.save(report("web-01", Verdict.BAD_GATEWAY, now.minusSeconds(100)), "cli:alice");
        store.save(report("web-02", Verdict.HEALTHY, now.minusSeconds(50)), "cli:alice");

        assertEquals(Optional.of(newer.id()), store.lastHealthy("web-01", now).map(StoredReport::id));
        assertEquals(
                Optional.of(older.id()),
                store.lastHealthy("web-01", newer.checkedAt()).map(StoredReport::id));
        assertEquals(Optional.empty(), store.lastHealthy("web-01", older.checkedAt()));
    }

    @Test
    void checksOlderThanTheRetentionAreDeletedWhenAnotherIsSaved() {
        ReportStore store = store(Map.of("fiveohtwo.reports.keep", "1d"));
        StoredReport old = store.save(report("web-02", Verdict.HEALTHY, now.minus(Duration.ofHours(25))), "cli:alice");
        StoredReport recent =
                store.save(report("web-02", Verdict.HEALTHY, now.minus(Duration.ofHours(23))), "cli:alice");

        store.save(report("web-01", Verdict.HEALTHY, now), "cli:alice");

        assertEquals(Optional.empty(), store.find(old.id()));
        assertTrue(store.find(recent.id()).isPresent());
    }

    @Test
    void onlyTheNewestChecksOfAServerAreKeptAndOtherServersKeepTheirs() {
        ReportStore store = store(Map.of("fiveohtwo.reports.per-server", "3"));
        List<StoredReport> web02 = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            web02.add(store.save(report("web-02", Verdict.HEALTHY, now.minusSeconds(1000 + i)), "cli:alice"));
        }
        List<StoredReport> web01 = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            web01.add(store.save(report("web-01", Verdict.HEALTHY, now.minusSeconds(100 - i)), "cli:alice"));
        }

        assertEquals(
                List.of(web01.get(4).id(), web01.get(3).id(), web01.get(2).id()),
                store.history("web-01", 10).stream().map(StoredReport::id).toList());
        assertEquals(3, store.history("web-02", 10).size());
        assertEquals(Optional.empty(), store.find(web01.get(0).id()));
    }

    @Test
    void idsAreRandomUrlSafeAndSayNothingAboutTheCheck() {
        ReportStore store = store();
        Set<String> ids = new HashSet<>();
        StoredReport last = null;
        for (int i = 0; i < 20; i++) {
            last = store.save(report("web-01", Verdict.HEALTHY, now.minusSeconds(i)), "cli:alice");
            ids.add(last.id());
            assertTrue(last.id().matches("[A-Za-z0-9_-]{22}"), last.id());
            assertFalse(
                    last.id().contains("web") || last.id().contains(String.valueOf(now.getEpochSecond())), last.id());
        }
        assertEquals(20, ids.size());
        String id = last.id();
        String neighbour = id.substring(0, 21) + (id.charAt(21) == 'A' ? 'B' : 'A');
        assertNotEquals(id, neighbour);
        assertEquals(Optional.empty(), store.find(neighbour));
        for (String hostile : List.of("", "' OR '1'='1", id + " ", id.substring(0, 21), "../" + id)) {
            assertEquals(Optional.empty(), store.find(hostile), hostile);
        }
    }

    @Test
    void aSecretInTheRawOutputNeverReachesTheDatabase() throws SQLException {
        ReportStore store = store();
        Evidence e = Recorded.evidence("healthy");
        // sections as a collector would send them, not yet masked: the store must not rely on the parser's masking
        String log = SecretFixture.nginxErrorLog(LocalDateTime.parse("2026-11-21T12:46:00"));
        Sections unmasked =
                new Sections(Map.of("log:nginx-error", log, "meta", e.raw().get("meta")), Set.of());
        Evidence withSecrets = new Evidence(
                e.host(),
                e.services(),
                e.nginx(),
                e.probes(),
                e.logs(),
                e.oom(),
                e.resources(),
                e.listeners(),
                e.frontTargets(),
                e.selinux(),
                unmasked);

        StoredReport saved = store.save(Recorded.report("web-01", withSecrets, Verdict.BAD_GATEWAY, now), "cli:alice");

        StringBuilder everything = new StringBuilder();
        try (Connection c = connect(url);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT * FROM report")) {
            while (rs.next()) {
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    everything.append(rs.getString(i)).append('\n');
                }
            }
        }
        SecretFixture.assertMasked("the report table", everything.toString());
        SecretFixture.assertMasked(
                "the kept raw output", store.find(saved.id()).orElseThrow().raw());
    }

    @Test
    void twoInstancesOnOneDatabaseShareTheHistory() {
        ReportStore first = store();
        ReportStore second = store();

        StoredReport saved = first.save(report("web-01", Verdict.HEALTHY, now), "U012ALICE");

        assertEquals(Optional.of(saved), second.find(saved.id()));
        assertEquals(
                Optional.of(saved.id()),
                second.lastHealthy("web-01", now.plusSeconds(1)).map(StoredReport::id));
    }

    /** A JDBC connection to the test's database with the test's login. */
    static Connection plain(String url, String user, String password) throws SQLException {
        return DriverManager.getConnection(url, user, password);
    }
}
