package dev.fiveohtwo.inventory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the inventory: the {@code --inventory} option, else {@code FIVEOHTWO_INVENTORY}, else
 * {@code ./inventory.yml}; when none exists, the built-in {@code localhost} entry.
 */
public final class InventorySource {
    private final Map<String, String> env;
    private final InventoryLoader loader;

    public InventorySource(Map<String, String> env, InventoryLoader loader) {
        this.env = env;
        this.loader = loader;
    }

    /** The inventory to use given an optional explicit file. A named file that is missing is an error. */
    public Inventory load(Optional<Path> explicit) {
        Optional<Path> named = explicit.or(() -> Optional.ofNullable(env.get("FIVEOHTWO_INVENTORY"))
            .filter(s -> !s.isBlank()).map(Path::of));
        if (named.isPresent()) {
            if (!Files.exists(named.get())) {
                throw new InventoryException(named.get() + ": inventory file does not exist");
            }
            return loader.load(named.get());
        }
        Path here = Path.of("inventory.yml");
        return Files.exists(here) ? loader.load(here) : Inventory.builtIn();
    }
}
