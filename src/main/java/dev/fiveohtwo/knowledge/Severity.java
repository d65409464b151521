package dev.fiveohtwo.knowledge;

import java.util.Locale;

/** How bad a cause is when it is present. */
public enum Severity {
    CRITICAL,
    HIGH,
    MEDIUM,
    LOW;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Breaks ties between findings of equal confidence: 1.0 for critical down to 0.7 for low. */
    double rank() {
        return 1.0 - ordinal() * 0.1;
    }
}
