package dev.fiveohtwo.reports;

/** One thing that differs from the last healthy check: {@code php8.2-fpm restarts: 0 → 3}. */
public record Change(String what, String before, String after) {
}
