package dev.fiveohtwo.triage;

import dev.fiveohtwo.knowledge.Finding;
import dev.fiveohtwo.knowledge.Verdict;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What a group check amounts to: the reports worst first, how many need attention, and the cause most of the
 * reached servers share, if any. Slack's group message and the CLI's text summary both word this.
 *
 * @param worstFirst     the reports, worst verdict first, then by server name
 * @param needAttention  reports whose verdict is not healthy
 * @param shared         the top cause that more than one reached server has, the most common one
 */
public record GroupSummary(List<Report> worstFirst, long needAttention, Optional<SharedCause> shared) {

    /**
     * A cause several servers have as their top finding.
     *
     * @param id      the cause's article id
     * @param title   its title, as the first of those servers' findings says
     * @param servers how many servers have it on top
     * @param of      how many servers the group checked
     */
    public record SharedCause(String id, String title, long servers, int of) {}

    /** The summary of {@code reports}, in any order. */
    public static GroupSummary of(List<Report> reports) {
        List<Report> sorted = reports.stream()
                .sorted(Comparator.comparingInt((Report r) -> rank(r.verdict())).thenComparing(Report::server))
                .toList();
        Map<String, Long> causes = reports.stream()
                .filter(r -> r.reachable() && r.top().isPresent())
                .collect(Collectors.groupingBy(r -> r.top().get().id(), LinkedHashMap::new, Collectors.counting()));
        Optional<SharedCause> shared = causes.entrySet().stream()
                .filter(e -> e.getValue() > 1)
                .max(Map.Entry.comparingByValue())
                .map(e -> new SharedCause(e.getKey(), title(reports, e.getKey()), e.getValue(), reports.size()));
        long bad = reports.stream().filter(r -> r.verdict() != Verdict.HEALTHY).count();
        return new GroupSummary(sorted, bad, shared);
    }

    private static String title(List<Report> reports, String id) {
        return reports.stream()
                .flatMap(r -> r.top().stream())
                .filter(f -> f.id().equals(id))
                .map(Finding::title)
                .findFirst()
                .orElse(id);
    }

    private static int rank(Verdict v) {
        return switch (v) {
            case BAD_GATEWAY -> 0;
            case UNREACHABLE -> 1;
            case INCONCLUSIVE -> 2;
            case DEGRADED -> 3;
            case HEALTHY -> 4;
        };
    }
}
