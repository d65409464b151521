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
    /**
     * The server was reached but the evidence cannot prove it healthy: the collector hung, ended early or sent
     * garbage, or the front was not probed or answered something other than 2xx/3xx.
     */
    INCONCLUSIVE;

    /** {@code bad-gateway} and so on, as in the JSON output. */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
