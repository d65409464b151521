package dev.fiveohtwo.inventory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds the inventory: the {@code --inventory} option, else the {@code fiveohtwo.inventory} setting
 * ({@code FIVEOHTWO_INVENTORY}), else {@code ./inventory.yml}; when none exists, the built-in {@code localhost} entry.
 */
public final class InventorySource {
    private final String configured;
    private final InventoryLoader loader;

    /** @param configured the {@code fiveohtwo.inventory} setting; blank when it is not set */
    public InventorySource(String configured, InventoryLoader loader) {
        this.configured = configured == null ? "" : configured;
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
        Optional<Path> named = explicit.or(
                () -> Optional.of(configured).filter(s -> !s.isBlank()).map(Path::of));
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
