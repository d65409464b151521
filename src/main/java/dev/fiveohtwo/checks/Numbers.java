package dev.fiveohtwo.checks;

import java.util.Optional;

/** Lenient number parsing for text printed by servers. */
final class Numbers {
    private Numbers() {}

    static Optional<Integer> integer(String s) {
        try {
            return Optional.of(Integer.parseInt(s.strip()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    static Optional<Long> longValue(String s) {
        try {
            return Optional.of(Long.parseLong(s.strip()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    static Optional<Double> decimal(String s) {
        try {
            return Optional.of(Double.parseDouble(s.strip()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** "95%" to 95. */
    static Optional<Integer> percent(String s) {
        return integer(s.strip().replace("%", ""));
    }
}
