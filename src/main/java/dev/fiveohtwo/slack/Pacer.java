package dev.fiveohtwo.slack;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Slack's pace per channel: one message per {@code interval} with bursts of {@code burst}, as a token bucket kept as
 * the time the bucket is next empty (GCRA). A 429's Retry-After holds the whole channel back. Time comes from
 * {@code nanoTime}, so tests move it by hand.
 */
final class Pacer {
    private static final int CHANNELS = 2000;
    private final LongSupplier nanoTime;
    private final long interval;
    private final long tolerance;
    /** Per channel, the theoretical arrival time of the next message, in nanoTime units. */
    private final Map<String, Long> next = new LinkedHashMap<>(64, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
            return size() > CHANNELS;
        }
    };

    Pacer(LongSupplier nanoTime, Duration interval, int burst) {
        this.nanoTime = nanoTime;
        this.interval = interval.toNanos();
        this.tolerance = (burst - 1) * this.interval;
    }

    /** Takes the channel's next slot; returns how long to wait for it (zero: send now). */
    synchronized Duration reserve(String channel) {
        long now = nanoTime.getAsLong();
        long tat = Math.max(next.getOrDefault(key(channel), now), now);
        long start = Math.max(now, tat - tolerance);
        next.put(key(channel), tat + interval);
        return Duration.ofNanos(start - now);
    }

    /** Takes a slot only if one is free now. */
    synchronized boolean tryAcquire(String channel) {
        long now = nanoTime.getAsLong();
        long tat = Math.max(next.getOrDefault(key(channel), now), now);
        if (tat - tolerance > now) {
            return false;
        }
        next.put(key(channel), tat + interval);
        return true;
    }

    /** Nothing goes to the channel for {@code d} (Slack said Retry-After); then one at a time, no burst. */
    synchronized void blockFor(String channel, Duration d) {
        long until = nanoTime.getAsLong() + d.toNanos();
        next.merge(key(channel), until + tolerance, Math::max);
    }

    private static String key(String channel) {
        return channel == null ? "" : channel;
    }
}
