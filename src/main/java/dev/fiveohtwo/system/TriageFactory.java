package dev.fiveohtwo.system;

import dev.fiveohtwo.inventory.Inventory;
import dev.fiveohtwo.inventory.InventoryLoader;
import dev.fiveohtwo.inventory.InventorySource;
import dev.fiveohtwo.ssh.Executor;
import dev.fiveohtwo.triage.Triage;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.util.Optional;

/**
 * Where the inventory is found ({@code fiveohtwo.inventory}, which {@code FIVEOHTWO_INVENTORY} sets, else
 * ./inventory.yml), the long-running bot's inventory, and its triage.
 */
@Factory
final class TriageFactory {

    @Singleton
    InventorySource inventorySource(@Value("${fiveohtwo.inventory:}") String file) {
        return new InventorySource(file, new InventoryLoader());
    }

    @Singleton
    Inventory inventory(InventorySource source) {
        return source.load(Optional.empty());
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
