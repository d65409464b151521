package dev.fiveohtwo.knowledge;

import java.util.Locale;

/** The one-word answer for a server. */
public enum Verdict {
    /** The front answers and nothing fired, or only findings older than the recency window (history). */
    HEALTHY,
    /** The front answers 502, or fresh upstream errors show users are getting them. */
    BAD_GATEWAY,
    /** The front answers, but something fired. */
    DEGRADED,
    /** The server could not be checked. */
    UNREACHABLE,
    /** The server was reached, but what decides the verdict could not be checked. */
    INCONCLUSIVE;

    /** {@code bad-gateway} and so on, as in the JSON output. */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
