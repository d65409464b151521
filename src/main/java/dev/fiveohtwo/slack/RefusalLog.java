package dev.fiveohtwo.slack;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One warning line per cause per minute for requests the endpoint refuses: a flood of forged or broken requests
 * must not become a flood of log lines. The line counts the refusals since the last one; it names the cause only,
 * never anything the request carried.
 */
final class RefusalLog {
    private static final Logger LOG = LoggerFactory.getLogger(RefusalLog.class);
    static final Duration EVERY = Duration.ofMinutes(1);
    private final Clock clock;
    private final ConcurrentHashMap<String, Cause> causes = new ConcurrentHashMap<>();

    RefusalLog(Clock clock) {
        this.clock = clock;
    }

    private static final class Cause {
        final AtomicLong count = new AtomicLong();
        volatile Instant next = Instant.MIN;
    }

    /**
     * Counts one refusal.
     *
     * @param cause a fixed word chosen by the bot, e.g. {@code unsigned}, {@code too-large}
     * @return whether a line was written for it
     */
    boolean refused(String cause, int status) {
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
        LOG.warn("refused {} Slack request(s) with {}: {} (at most one line per cause per minute)", count, status, cause);
        return true;
    }
}
