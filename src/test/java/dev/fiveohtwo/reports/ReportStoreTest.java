package dev.fiveohtwo.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The report store on the embedded H2 database (the default), plus what holds whatever the database. */
class ReportStoreTest extends ReportStoreContract {
    @Override
    String jdbcUrl(String name) {
        return "jdbc:h2:mem:" + name
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1";
    }

    @Override
    Map<String, Object> extraProperties() {
        return Map.of();
    }

    @Override
    Connection connect(String url) throws SQLException {
        return plain(url, "sa", "");
    }

    @Test
    void rawOutputLongerThanTheCapIsCutAtALineWithALineSayingSo() {
        String line = "x".repeat(99) + "\n";
        String raw = line.repeat(RawText.CAP / line.length() + 10);

        String kept = RawText.capped(raw);

        assertTrue(kept.length() <= RawText.CAP, kept.length() + " characters");
        assertTrue(kept.endsWith("\n" + RawText.CUT + "\n"), kept.substring(kept.length() - 200));
        String whole = raw.substring(0, RawText.CAP);
        assertEquals(whole, RawText.capped(whole), "output within the cap is kept as it is");
    }

    @Test
    void factsSurviveTabsNewlinesAndBackslashes() {
        Map<String, String> facts =
                new java.util.TreeMap<>(Map.of("log:app: a\tb", "1", "upstream:x\\y", "line\nnext"));

        assertEquals(facts, JdbcReportStore.decode(JdbcReportStore.encode(facts)));
    }

    @Test
    void aRetentionOfNothingIsRefused() {
        org.junit.jupiter.api.Assertions.assertThrows(
                IllegalArgumentException.class, () -> new Retention(java.time.Duration.ZERO, 10));
        org.junit.jupiter.api.Assertions.assertThrows(
                IllegalArgumentException.class, () -> new Retention(java.time.Duration.ofDays(1), 0));
    }
}
