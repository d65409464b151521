package dev.fiveohtwo.system;

import dev.fiveohtwo.inventory.Inventory;
import dev.fiveohtwo.inventory.InventoryLoader;
import dev.fiveohtwo.inventory.InventorySource;
import dev.fiveohtwo.ssh.Executor;
import dev.fiveohtwo.triage.Triage;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.util.Optional;

/** The inventory of a long-running bot ({@code FIVEOHTWO_INVENTORY}, else ./inventory.yml) and its triage. */
@Factory
final class TriageFactory {

    @Singleton
    Inventory inventory(@Value("${fiveohtwo.inventory:}") String file) {
        return new InventorySource(System.getenv(), new InventoryLoader())
            .load(file.isBlank() ? Optional.empty() : Optional.of(Path.of(file)));
    }

    /** One executor for the checks and the restarts: they share its parsed SSH files. */
    @Singleton
    Executor executor(Inventory inventory, TriageAssembly assembly) {
        return assembly.executor(inventory);
    }

    @Singleton
    Triage triage(Inventory inventory, Executor executor, TriageAssembly assembly, CheckSettings settings) {
        return assembly.triage(inventory, executor, settings.parallelism());
    }
}
