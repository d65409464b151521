package dev.fiveohtwo.remediation;

/**
 * The life of a restart request. {@code offered} is a button on a findings message; the rest follow
 * requested → approved → running → succeeded | failed, or denied | expired | not-needed, and
 * failed-unknown for a run cut off by a bot crash (never re-run blindly).
 */
public enum RestartState {
    OFFERED,
    REQUESTED,
    APPROVED,
    RUNNING,
    SUCCEEDED,
    FAILED,
    FAILED_UNKNOWN,
    DENIED,
    EXPIRED,
    NOT_NEEDED,
    DRY_RUN;

    /** The value stored in the database, e.g. {@code failed-unknown}. */
    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    static RestartState of(String id) {
        return valueOf(id.toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
    }
}
