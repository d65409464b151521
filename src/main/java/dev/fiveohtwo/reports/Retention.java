package dev.fiveohtwo.reports;

import java.time.Duration;

/**
 * How long kept reports last: none older than {@code keep}, at most {@code perServer} of each server.
 *
 * @param keep      reports older than this are deleted
 * @param perServer the newest this many of each server are kept
 */
public record Retention(Duration keep, int perServer) {
    /** Two weeks, 200 checks of each server: what application.yml sets unless told otherwise. */
    public static final Retention DEFAULT = new Retention(Duration.ofDays(14), 200);

    public Retention {
        if (keep.isNegative() || keep.isZero() || perServer < 1) {
            throw new IllegalArgumentException("fiveohtwo.reports: keep must be positive and per-server at least 1");
        }
    }
}
