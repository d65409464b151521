package dev.fiveohtwo.triage;

/** Hears about checks as they start and end, for progress displays. */
public interface TriageListener {
    TriageListener NONE = new TriageListener() {};

    default void started(String server) {}

    /** The collector on {@code server} started printing section {@code name} (the ones before it are done). */
    default void section(String server, String name) {}

    default void finished(Report report) {}
}
