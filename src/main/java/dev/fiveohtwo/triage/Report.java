package dev.fiveohtwo.triage;

import dev.fiveohtwo.checks.Evidence;
import dev.fiveohtwo.knowledge.Finding;
import dev.fiveohtwo.knowledge.Verdict;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The result of checking one server.
 *
 * @param login    how it was reached, e.g. {@code fiveohtwo@10.0.0.11}
 * @param notes    what could not be checked and why (collector cut off, no front URL, ...)
 * @param evidence what the collector found; empty when the server was not reached
 * @param alsoSeen host conditions (load, memory pressure) seen beside the findings, never ranked above them
 */
public record Report(
        String server,
        String login,
        boolean reachable,
        Verdict verdict,
        long durationMs,
        Instant checkedAt,
        List<Finding> findings,
        List<String> notes,
        Optional<Evidence> evidence,
        List<Finding> alsoSeen) {

    /** The verdict in words, with the top cause: {@code 502 Bad Gateway: The upstream service is down}. */
    public String headline() {
        String top = top().map(Finding::title).orElse("");
        String cause = top.isEmpty() ? "" : ": " + top;
        return switch (verdict) {
            case HEALTHY -> "looks healthy";
            case BAD_GATEWAY -> "502 Bad Gateway" + cause;
            case DEGRADED -> "degraded" + cause;
            case UNREACHABLE -> "unreachable" + cause;
            case INCONCLUSIVE -> "inconclusive" + cause;
        };
    }

    /** The finding to lead with, if any. */
    public Optional<Finding> top() {
        return findings.stream().findFirst();
    }
}
