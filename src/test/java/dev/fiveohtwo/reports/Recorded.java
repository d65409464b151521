package dev.fiveohtwo.reports;

import dev.fiveohtwo.checks.Evidence;
import dev.fiveohtwo.checks.Sections;
import dev.fiveohtwo.knowledge.Verdict;
import dev.fiveohtwo.triage.Report;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Reports built from the recorded collector output under src/test/resources/fixtures. */
final class Recorded {
    static final Path DIR = Path.of("src/test/resources/fixtures");

    private Recorded() {}

    static Evidence evidence(String fixture) {
        try {
            byte[] bytes = Files.readAllBytes(DIR.resolve(fixture + ".txt"));
            return Evidence.from(Sections.parse(Sections.decode(bytes), Optional.empty(), 64 * 1024));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A report of {@code server} with a fixture's evidence, as the triage would make it (no findings). */
    static Report report(String server, String fixture, Verdict verdict, Instant at) {
        return report(server, evidence(fixture), verdict, at);
    }

    static Report report(String server, Evidence evidence, Verdict verdict, Instant at) {
        return new Report(
                server,
                "fiveohtwo@127.0.0.1",
                true,
                verdict,
                120,
                at,
                List.of(),
                List.of(),
                Optional.of(evidence),
                List.of());
    }

    /** A fixture's report as it would be kept. */
    static StoredReport stored(String fixture, Verdict verdict) {
        return StoredReport.of(report("web-01", fixture, verdict, Instant.parse("2026-11-21T12:47:00Z")), "cli:test");
    }
}
