package dev.fiveohtwo.knowledge;

import java.util.List;

/**
 * A cause the evidence points to.
 *
 * @param confidence 0..1, from the rules that fired ({@code reasons})
 * @param evidence   up to five lines that prove it, freshest first
 * @param fresh      some of its log evidence is inside the recency window (or it rests on live state)
 * @param restart    services of the server whose restart can fix it
 * @param explained  causes this one explains, grouped under it (e.g. upstream-down under oom-killed)
 */
public record Finding(
        String id,
        String title,
        Severity severity,
        double confidence,
        List<String> reasons,
        List<String> evidence,
        boolean fresh,
        List<RestartOption> restart,
        List<Finding> explained) {

    /** A service that may be restarted to fix a finding, and the exact command that would run. */
    public record RestartOption(String service, String kind, String unit, String command) {}

    /** The id reserved for a 502 that no article explains. */
    public static final String UNEXPLAINED = "unexplained-502";
}
