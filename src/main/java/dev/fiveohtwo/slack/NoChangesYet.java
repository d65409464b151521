package dev.fiveohtwo.slack;

import dev.fiveohtwo.reports.Change;
import dev.fiveohtwo.reports.StoredReport;
import io.micronaut.context.annotation.Secondary;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * TEMPORARY: no comparison with the last healthy check yet, so the findings message shows no changes. The
 * implementation that compares the kept facts replaces this bean (it is {@code @Secondary}); then delete it.
 */
@Singleton
@Secondary
final class NoChangesYet implements ChangesSince {
    @Override
    public List<Change> changes(StoredReport report) {
        return List.of();
    }
}
