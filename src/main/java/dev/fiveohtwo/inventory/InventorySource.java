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
        return file(explicit).map(loader::load).orElseGet(Inventory::builtIn);
    }

    /**
     * The inventory file that {@link #load} would read; empty when the built-in entry would be used.
     *
     * @throws InventoryException when a file is named (option or environment) but does not exist
     */
    public Optional<Path> file(Optional<Path> explicit) {
        Optional<Path> named = explicit.or(() -> Optional.ofNullable(env.get("FIVEOHTWO_INVENTORY"))
            .filter(s -> !s.isBlank()).map(Path::of));
        if (named.isPresent()) {
            if (!Files.exists(named.get())) {
                throw new InventoryException(named.get() + ": inventory file does not exist");
            }
            return named;
        }
        Path here = Path.of("inventory.yml");
        return Files.exists(here) ? Optional.of(here) : Optional.empty();
    }
}
