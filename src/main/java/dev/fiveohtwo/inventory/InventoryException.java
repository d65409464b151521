package dev.fiveohtwo.inventory;

/** The inventory cannot be used: names the file, the line and the key at fault. */
public final class InventoryException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    InventoryException(String message) {
        super(message);
    }
}
