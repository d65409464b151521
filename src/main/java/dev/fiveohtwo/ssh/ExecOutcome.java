package dev.fiveohtwo.ssh;

import java.time.Duration;

/** What running an {@link Exec} on a server came to. */
public sealed interface ExecOutcome {
    /** How long it took, connection included. */
    Duration took();

    /** The command ran to its end. {@code truncated} when output beyond the cap was dropped. */
    record Completed(int exitStatus, byte[] stdout, String stderr, boolean truncated, Duration took)
            implements ExecOutcome {}

    /** The command was still running at the deadline and was cut off; what it had printed is kept. */
    record TimedOut(byte[] stdout, Duration deadline, Duration took) implements ExecOutcome {}

    /** The command never started: the server could not be reached or would not let us in. */
    record Unreachable(Reason reason, String detail, String hint, Duration took) implements ExecOutcome {}

    /** Why a server could not be reached, each with its own advice. */
    enum Reason {
        DNS("host name does not resolve"),
        REFUSED("connection refused"),
        TIMEOUT("connection timed out"),
        NO_ROUTE("no route to host"),
        AUTH_FAILED("authentication failed"),
        HOST_KEY_UNKNOWN("host key not trusted"),
        HOST_KEY_CHANGED("host key changed"),
        JUMP_FAILED("jump host failed"),
        KEY_UNUSABLE("private key unusable"),
        KNOWN_HOSTS_UNUSABLE("known-hosts file unusable"),
        PROTOCOL("SSH negotiation failed"),
        LOCAL_FAILED("local command failed to start"),
        OTHER("connection failed");

        private final String label;

        Reason(String label) {
            this.label = label;
        }

        /** A few words for people. */
        public String label() {
            return label;
        }

        /** The name used in JSON and metrics, e.g. {@code host-key-unknown}. */
        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }
}
