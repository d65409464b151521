package dev.fiveohtwo.system;

import dev.fiveohtwo.inventory.Inventory;
import dev.fiveohtwo.knowledge.EvidenceMatcher;
import dev.fiveohtwo.ssh.Executor;
import dev.fiveohtwo.triage.Triage;
import jakarta.inject.Singleton;
import java.nio.file.Path;

/**
 * The one place a {@link Triage} is put together, for {@code check}, {@code bench} and the bot alike: the inventory's
 * executor, the knowledge base's matcher and {@code fiveohtwo.checks.*}.
 */
@Singleton
public final class TriageAssembly {
    private final EvidenceMatcher matcher;
    private final CheckSettings settings;

    TriageAssembly(EvidenceMatcher matcher, CheckSettings settings) {
        this.matcher = matcher;
        this.settings = settings;
    }

    /**
     * The executor for {@code inventory}'s servers, with SSH from the user's {@code ~/.ssh}. It is given the process's
     * own environment, not a setting: JSch's agent connector reads {@code SSH_AUTH_SOCK} from there itself.
     */
    public Executor executor(Inventory inventory) {
        return Executor.of(inventory.servers()::get, Path.of(System.getProperty("user.home")), System.getenv());
    }

    /** A triage of {@code inventory} checking {@code parallelism} servers at once (0: sized to the group). */
    public Triage triage(Inventory inventory, int parallelism) {
        return triage(inventory, executor(inventory), parallelism);
    }

    /** As {@link #triage(Inventory, int)}, on an executor shared with something else (the bot's restarts). */
    public Triage triage(Inventory inventory, Executor executor, int parallelism) {
        return Triage.of(inventory, executor, matcher, settings.logLines(), parallelism);
    }
}
