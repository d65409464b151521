package dev.fiveohtwo.slack;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Work that follows an ack, apart from checks (those queue in {@link CheckJobs}, bounded, and a full queue is
 * answered "busy"). Clicks and fix guides run on a pool of their own, so a full check queue never swallows a
 * click. Audit writes run on one thread of their own: an entry is a few hundred bytes, so its queue has no bound
 * and no command goes unaudited however busy the bot is. Both queues grow only with signed requests from Slack,
 * that is at the pace people type and click.
 */
@Singleton
final class AfterAck {
    private static final int CLICK_THREADS = 4;
    private final ThreadPoolExecutor clicks;
    private final ThreadPoolExecutor writes;

    AfterAck() {
        this.clicks = pool("fiveohtwo-slack-click-", CLICK_THREADS);
        this.writes = pool("fiveohtwo-slack-audit-", 1);
    }

    private static ThreadPoolExecutor pool(String name, int threads) {
        AtomicInteger n = new AtomicInteger();
        return new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, name + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** A click's work, or a fix guide to post. */
    void click(Runnable work) {
        clicks.execute(RequestId.carried(work));
    }

    /** A database write that must not hold up the ack: an audit entry, pruning of old deliveries. */
    void write(Runnable work) {
        writes.execute(RequestId.carried(work));
    }

    /** Lets queued clicks and writes finish, 30 s at most. */
    @PreDestroy
    void close() {
        close(clicks);
        close(writes);
    }

    private static void close(ExecutorService pool) {
        pool.shutdown();
        try {
            pool.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
