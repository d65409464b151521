package dev.fiveohtwo.slack;

import dev.fiveohtwo.reports.Change;
import dev.fiveohtwo.reports.StoredReport;
import java.util.List;

/** What differs between a kept check and the server's last healthy one, for the findings message. */
public interface ChangesSince {

    /** The changes since the last healthy check of {@code report}'s server before it; empty when none is kept. */
    List<Change> changes(StoredReport report);
}
