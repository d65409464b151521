package dev.fiveohtwo.reports;

/**
 * One thing that differs from the last healthy check: {@code php8.2-fpm restarts: 0 → 3}.
 *
 * @param what   what changed: {@code php8.2-fpm restarts}, {@code disk /}, {@code new in the logs}
 * @param before its value in the healthy check; empty for something that is new
 * @param after  its value now; empty for something that is gone
 */
public record Change(String what, String before, String after) {

    /** One line for people: {@code MemAvailable: 1.2 GB → 80 MB}, {@code upstream gone: proxy_pass http://…}. */
    public String describe() {
        if (before.isEmpty()) {
            return what + ": " + after;
        }
        if (after.isEmpty()) {
            return what + ": " + before;
        }
        return what + ": " + before + " → " + after;
    }
}
