package dev.fiveohtwo.reports;

import dev.fiveohtwo.knowledge.Verdict;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * One check as it was kept: enough for a button on an old message (fix guide, re-check, raw output), the history and
 * the comparison with the last healthy check, on any replica and after a restart. Everything in it is redacted.
 *
 * @param id          opaque, unguessable; what the message's buttons carry
 * @param topCause    the top finding's article id, if any
 * @param headline    the verdict in words, as {@code Report.headline()} said it
 * @param requestedBy who asked: a Slack user id, {@code cli:<user>} or {@code alert:<name>}
 * @param raw         the collector's raw output, redacted
 * @param facts       the comparable facts of the host (restarts per service, unit states, memory, disk, ...)
 */
public record StoredReport(String id, String server, Instant checkedAt, Verdict verdict, Optional<String> topCause,
                           String headline, String requestedBy, String raw, Map<String, String> facts) {
}
