package dev.fiveohtwo.cli;

/** What the process exit status means. */
final class ExitCodes {
    /** Ran; every server was reached (whatever it found). */
    static final int OK = 0;
    /** Usage or inventory error: nothing was checked. */
    static final int USAGE = 2;
    /** At least one server could not be reached, or was reached but its check proved nothing (inconclusive). */
    static final int UNREACHABLE = 3;

    private ExitCodes() {}
}
