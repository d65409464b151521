package dev.fiveohtwo.inventory;

import dev.fiveohtwo.system.Printable;
import java.util.List;

/** A server or group name that the inventory does not hold. */
public final class UnknownTargetException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient List<String> suggestions;

    UnknownTargetException(String target, List<String> suggestions) {
        super("unknown server or group '" + Printable.of(target) + "'"
                + (suggestions.isEmpty() ? "" : "; did you mean " + String.join(", ", suggestions) + "?"));
        this.suggestions = List.copyOf(suggestions);
    }

    /** The closest known names, best first. */
    public List<String> suggestions() {
        return suggestions;
    }
}
