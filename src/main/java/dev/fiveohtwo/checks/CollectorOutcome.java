package dev.fiveohtwo.checks;

import dev.fiveohtwo.ssh.ExecOutcome;
import java.time.Duration;

/** What collecting evidence on one server came to. */
public sealed interface CollectorOutcome {
    Duration took();

    /**
     * The script ran. {@code timedOut} when it was cut off at the command deadline: the evidence is partial.
     * {@code exitStatus} is -1 when it did not finish.
     */
    record Collected(Evidence evidence, int exitStatus, boolean timedOut, String stderr, Duration took)
            implements CollectorOutcome {}

    /** The server was never reached; nothing ran. */
    record NotReached(ExecOutcome.Unreachable why) implements CollectorOutcome {
        @Override
        public Duration took() {
            return why.took();
        }
    }
}
