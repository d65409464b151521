package dev.fiveohtwo.slack;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * At most one warning line per cause per minute: a flood of forged or broken requests, or an outage hit by every
 * request, must not become a flood of log lines. A line says how often its cause came up since the last line.
 * Callers pass fixed words chosen by the bot, never anything a request carried.
 */
final class ThrottledLog {
    private static final Logger LOG = LoggerFactory.getLogger(ThrottledLog.class);
    static final Duration EVERY = Duration.ofMinutes(1);
    private final Clock clock;
    private final ConcurrentHashMap<String, Cause> causes = new ConcurrentHashMap<>();

    ThrottledLog(Clock clock) {
        this.clock = clock;
    }

    private static final class Cause {
        final AtomicLong count = new AtomicLong();
        Instant next = Instant.MIN;
    }

    /**
     * Counts one occurrence of {@code cause}.
     *
     * @return whether a line was written for it
     */
    boolean warn(String cause, String line) {
        Cause c = causes.computeIfAbsent(cause, k -> new Cause());
        c.count.incrementAndGet();
        Instant now = clock.instant();
        long count;
        synchronized (c) {
            if (now.isBefore(c.next)) {
                return false;
            }
            c.next = now.plus(EVERY);
            count = c.count.getAndSet(0);
        }
        LOG.warn("{} ({}× since the last such line; one line a minute at most)", line, count);
        return true;
    }
}
