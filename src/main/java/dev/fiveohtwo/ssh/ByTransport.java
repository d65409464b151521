package dev.fiveohtwo.ssh;

import dev.fiveohtwo.inventory.Server;
import dev.fiveohtwo.inventory.Transport;

/** Runs each command the way its server is reached: the one place that reads {@link Server#transport()}. */
final class ByTransport implements Executor {
    private final Executor ssh;
    private final Executor local;

    ByTransport(Executor ssh, Executor local) {
        this.ssh = ssh;
        this.local = local;
    }

    @Override
    public ExecOutcome run(Server server, Exec exec, OutputListener listener) {
        return (server.transport() == Transport.LOCAL ? local : ssh).run(server, exec, listener);
    }
}
