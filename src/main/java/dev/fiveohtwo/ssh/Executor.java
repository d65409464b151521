package dev.fiveohtwo.ssh;

import dev.fiveohtwo.inventory.Server;

/** Runs one command on one server. Never throws for a server's failure: that is an {@link ExecOutcome}. */
public interface Executor {

    /** Hears standard output as it arrives (for progress); called on the reading thread. */
    interface OutputListener {
        OutputListener NONE = (bytes, length) -> { };

        void output(byte[] bytes, int length);
    }

    ExecOutcome run(Server server, Exec exec, OutputListener listener);

    default ExecOutcome run(Server server, Exec exec) {
        return run(server, exec, OutputListener.NONE);
    }
}
