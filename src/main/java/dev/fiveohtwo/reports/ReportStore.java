package dev.fiveohtwo.reports;

import dev.fiveohtwo.triage.Report;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Where checks are kept, so that they outlive the process and are shared by replicas. */
public interface ReportStore {

    /** Keeps a finished check (redacted) and prunes what is past retention. */
    StoredReport save(Report report, String requestedBy);

    Optional<StoredReport> find(String id);

    /** The server's most recent checks, newest first. */
    List<StoredReport> history(String server, int limit);

    /** The server's last healthy check before {@code before}, if one is still kept. */
    Optional<StoredReport> lastHealthy(String server, Instant before);
}
