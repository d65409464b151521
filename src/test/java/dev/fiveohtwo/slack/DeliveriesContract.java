package dev.fiveohtwo.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.context.ApplicationContext;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The delivery ledger on a real database: the first claim of a key wins, across threads and across two bot
 * instances on one database, and pruning forgets only keys no replay can reach. Runs on H2
 * ({@link DeliveriesTest}) and PostgreSQL ({@link DeliveriesPostgresIT}).
 */
@Timeout(120)
abstract class DeliveriesContract {
    final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-12-01T10:00:00Z"));
    final Clock clock = new Clock() {
        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    };
    final List<ApplicationContext> contexts = new ArrayList<>();
    String url;

    /** A fresh, empty database for each test. */
    abstract String jdbcUrl(String name);

    abstract Map<String, Object> extraProperties();

    @BeforeEach
    void database() {
        url = jdbcUrl("deliveries" + System.nanoTime());
    }

    /** One bot instance's view of the database. */
    Deliveries instance() {
        Map<String, Object> props =
                new HashMap<>(Map.of("datasources.default.url", url, "fiveohtwo.inventory", "/dev/null"));
        props.putAll(extraProperties());
        ApplicationContext context = ApplicationContext.run(props, "bot");
        contexts.add(context);
        return new Deliveries(context.getBean(DeliveryRepository.class), clock);
    }

    @AfterEach
    void stop() {
        contexts.forEach(ApplicationContext::close);
    }

    @Test
    void theFirstClaimOfAKeyWinsAndEveryLaterOneLoses() {
        Deliveries d = instance();
        assertTrue(d.first("cmd:trigger-1"));
        assertFalse(d.first("cmd:trigger-1"));
        assertTrue(d.first("cmd:trigger-2"));
    }

    @Test
    void exactlyOneOfManyConcurrentClaimsOnTwoInstancesWins() throws Exception {
        List<Deliveries> replicas = List.of(instance(), instance());
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            for (int round = 0; round < 20; round++) {
                String key = "act:trigger-" + round + ":1795265001.1";
                CountDownLatch go = new CountDownLatch(1);
                List<Future<Boolean>> claims = new ArrayList<>();
                for (int i = 0; i < 16; i++) {
                    Deliveries d = replicas.get(i % 2);
                    claims.add(pool.submit(() -> {
                        go.await();
                        return d.first(key);
                    }));
                }
                go.countDown();
                int won = 0;
                for (Future<Boolean> c : claims) {
                    won += c.get() ? 1 : 0;
                }
                assertEquals(1, won, key);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void pruningForgetsOnlyKeysOlderThanTheReplayWindowAllows() {
        Deliveries d = instance();
        assertTrue(d.first("cmd:old"));
        now.set(now.get().plus(Deliveries.KEEP).minusSeconds(1));
        assertTrue(d.first("cmd:recent"));
        now.set(now.get().plusSeconds(2));
        d.prune();
        assertTrue(d.first("cmd:old"), "pruned: a key past the window may be claimed again");
        assertFalse(d.first("cmd:recent"), "kept: a replay could still pass the signature check");
    }

    @Test
    void keepsKeysLongerThanAReplayCanPassTheSignatureCheck() {
        // first seen with a timestamp 5 min ahead, a copy passes until 5 min after that timestamp: 10 min
        assertTrue(Deliveries.KEEP.compareTo(RequestSignature.WINDOW.multipliedBy(2)) > 0);
    }

    @Test
    void aKeyLongerThanTheColumnIsStillClaimedOnce() {
        Deliveries d = instance();
        String key = "act:" + "x".repeat(400);
        assertTrue(d.first(key));
        assertFalse(d.first(key));
        assertTrue(d.first(key + "y"));
    }

    @Test
    void aRestartedInstanceRemembersWhatTheFirstHandled() {
        Deliveries before = instance();
        assertTrue(before.first("cmd:before-restart"));
        contexts.remove(0).close();
        assertFalse(instance().first("cmd:before-restart"));
    }
}
