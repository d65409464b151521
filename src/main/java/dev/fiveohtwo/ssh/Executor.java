package dev.fiveohtwo.ssh;

import dev.fiveohtwo.inventory.Server;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;

/** Runs one command on one server. Never throws for a server's failure: that is an {@link ExecOutcome}. */
public interface Executor {

    /** Hears standard output as it arrives (for progress); called on the reading thread. */
    interface OutputListener {
        OutputListener NONE = (bytes, length) -> {};

        void output(byte[] bytes, int length);
    }

    ExecOutcome run(Server server, Exec exec, OutputListener listener);

    default ExecOutcome run(Server server, Exec exec) {
        return run(server, exec, OutputListener.NONE);
    }

    /**
     * The executor for an inventory: over SSH for {@code transport: ssh}, on this machine for {@code transport: local}.
     *
     * @param servers finds a jump host by its inventory name
     * @param home    where {@code ~/.ssh} lives
     * @param env     the environment SSH reads ({@code SSH_AUTH_SOCK})
     */
    static Executor of(Function<String, Server> servers, Path home, Map<String, String> env) {
        return new ByTransport(new SshExecutor(servers, home, env), new LocalExecutor());
    }
}
