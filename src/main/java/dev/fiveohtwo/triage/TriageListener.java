package dev.fiveohtwo.triage;

/** Hears about checks as they start and end, for progress displays. */
public interface TriageListener {
    TriageListener NONE = new TriageListener() {
    };

    default void started(String server) {
    }

    default void finished(Report report) {
    }
}
