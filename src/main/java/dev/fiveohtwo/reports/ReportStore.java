package dev.fiveohtwo.reports;

import dev.fiveohtwo.triage.Report;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where checks are kept, so that they outlive the process and are shared by replicas. Every method throws
 * {@link ReportStoreException} when the database cannot answer; a caller that can do without the history (a check
 * whose report is printed or posted anyway) catches it.
 */
public interface ReportStore {

    /** Keeps a finished check (redacted) and prunes what is past retention; the result's id is for buttons. */
    StoredReport save(Report report, String requestedBy);

    /** The kept check with this id; empty for an unknown, pruned or malformed id. */
    Optional<StoredReport> find(String id);

    /** The server's most recent checks, newest first. */
    List<StoredReport> history(String server, int limit);

    /**
     * The server's last healthy check before {@code before}, if one is still kept; with the current check,
     * {@link Changes#between} says what changed since.
     */
    Optional<StoredReport> lastHealthy(String server, Instant before);
}
