/**
 * Checks kept after they are printed or posted: a {@link dev.fiveohtwo.reports.ReportStore} on the database,
 * the comparable {@link dev.fiveohtwo.reports.Facts} of a host, and what {@link dev.fiveohtwo.reports.Changes}
 * since its last healthy check.
 *
 * <pre>{@code
 * ReportStore store = JdbcReportStore.on(dataSource::getConnection, Retention.DEFAULT, Clock.systemUTC());
 * StoredReport kept = store.save(report, "cli:alice");
 * List<Change> changes = store.lastHealthy(kept.server(), kept.checkedAt())
 *     .map(healthy -> Changes.between(healthy, kept)).orElse(List.of());
 * }</pre>
 */
package dev.fiveohtwo.reports;
