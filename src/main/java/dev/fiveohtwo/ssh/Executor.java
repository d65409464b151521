package dev.fiveohtwo.ssh;

import dev.fiveohtwo.inventory.Server;

/** Runs one command on one server. Never throws for a server's failure: that is an {@link ExecOutcome}. */
public interface Executor {
    ExecOutcome run(Server server, Exec exec);
}
