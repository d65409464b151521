package dev.fiveohtwo.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.context.ApplicationContext;
import java.time.Clock;
import java.time.Duration;
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
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The incident ledger on a real database: one claim of an incident wins across threads and two bot instances,
 * a restarted instance remembers, and each later step (re-check, resolved) is won once. Runs on H2
 * ({@link IncidentsTest}) and PostgreSQL ({@link IncidentsPostgresIT}).
 */
@Timeout(120)
abstract class IncidentsContract {
    final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-12-01T12:00:00Z"));
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

    abstract String jdbcUrl(String name);

    abstract Map<String, Object> extraProperties();

    @BeforeEach
    void database() {
        url = jdbcUrl("incidents" + System.nanoTime());
    }

    /** One bot instance's view of the database. */
    Incidents instance() {
        Map<String, Object> props =
                new HashMap<>(Map.of("datasources.default.url", url, "fiveohtwo.inventory", "/dev/null"));
        props.putAll(extraProperties());
        ApplicationContext context = ApplicationContext.run(props, "bot");
        contexts.add(context);
        return new Incidents(context.getBean(IncidentRepository.class), clock);
    }

    @AfterEach
    void stop() {
        contexts.forEach(ApplicationContext::close);
    }

    private static int winners(List<Incidents> replicas, Function<Incidents, Boolean> step) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(12);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Boolean>> tries = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                Incidents d = replicas.get(i % replicas.size());
                tries.add(pool.submit(() -> {
                    go.await();
                    return step.apply(d);
                }));
            }
            go.countDown();
            int won = 0;
            for (Future<Boolean> f : tries) {
                won += f.get() ? 1 : 0;
            }
            return won;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void exactlyOneOfManyConcurrentClaimsOnTwoInstancesPosts() throws Exception {
        List<Incidents> replicas = List.of(instance(), instance());
        for (int round = 0; round < 10; round++) {
            String key = "alert:6a2c1e7f0b9d4e21@" + round;
            assertEquals(1, winners(replicas, d -> d.claim(key, "CALERTS")), key);
        }
    }

    @Test
    void aRestartedInstanceDoesNotPostAgain() {
        Incidents before = instance();
        assertTrue(before.claim("alert:fp@1", "CALERTS"));
        before.posted("alert:fp@1", "1795265000.000101");
        contexts.remove(0).close();
        Incidents after = instance();
        assertFalse(after.claim("alert:fp@1", "CALERTS"));
        assertEquals("1795265000.000101", after.find("alert:fp@1").orElseThrow().messageTs());
    }

    @Test
    void aClaimWhoseMessageNeverCameIsTakenOverOnceItIsStale() {
        Incidents d = instance();
        assertTrue(d.claim("alert:lost@1", "CALERTS"));
        assertFalse(d.claim("alert:lost@1", "CALERTS"));
        now.set(now.get().plus(Incidents.STALE_CLAIM).plusSeconds(1));
        assertTrue(d.claim("alert:lost@1", "CALERTS"), "the replica that claimed it stopped before posting");
        d.posted("alert:lost@1", "1795265000.000102");
        now.set(now.get().plus(Incidents.STALE_CLAIM).plusSeconds(1));
        assertFalse(d.claim("alert:lost@1", "CALERTS"), "posted: never again");
    }

    @Test
    void aRepeatReChecksOnceAndOnlyWhenTheLastCheckIsOld() throws Exception {
        List<Incidents> replicas = List.of(instance(), instance());
        assertTrue(replicas.get(0).claim("alert:fp@2", "CALERTS"));
        replicas.get(0).posted("alert:fp@2", "1795265000.000103");
        assertFalse(replicas.get(1).recheck("alert:fp@2", Duration.ofMinutes(5)), "checked just now");
        now.set(now.get().plus(Duration.ofMinutes(6)));
        assertEquals(1, winners(replicas, d -> d.recheck("alert:fp@2", Duration.ofMinutes(5))));
    }

    @Test
    void aResolvedIncidentIsResolvedOnceAndAStormReopensAfterIt() throws Exception {
        List<Incidents> replicas = List.of(instance(), instance());
        assertTrue(replicas.get(0).claim("storm:g", "CALERTS"));
        replicas.get(0).posted("storm:g", "1795265000.000104");
        assertFalse(replicas.get(1).claimOrReopen("storm:g", "CALERTS", Duration.ZERO), "still firing: the same storm");
        assertEquals(1, winners(replicas, d -> d.resolve("storm:g")));
        now.set(now.get().plusSeconds(1));
        assertEquals(
                1,
                winners(replicas, d -> d.claimOrReopen("storm:g", "CALERTS", Duration.ZERO)),
                "a new storm of the group");
    }

    @Test
    void aKeyLongerThanTheColumnIsStillClaimedOnce() {
        Incidents d = instance();
        String key = "check:" + "x".repeat(400);
        assertTrue(d.claim(key, "CALERTS"));
        assertFalse(d.claim(key, "CALERTS"));
        assertTrue(d.claim(key + "y", "CALERTS"));
    }

    @Test
    void anAlertFiringAgainSoonAfterItResolvedKeepsItsMessageAndLaterGetsANewOne() throws Exception {
        List<Incidents> replicas = List.of(instance(), instance());
        Duration quiet = Duration.ofMinutes(5);
        assertTrue(replicas.get(0).claimOrReopen("alert:flap", "CALERTS", quiet));
        replicas.get(0).posted("alert:flap", "1795265000.000105");
        assertFalse(replicas.get(1).refire("alert:flap"), "not resolved: nothing to fire again");
        assertTrue(replicas.get(1).resolve("alert:flap"));
        now.set(now.get().plus(Duration.ofMinutes(1)));
        assertEquals(
                0, winners(replicas, d -> d.claimOrReopen("alert:flap", "CALERTS", quiet)), "a flap: no new message");
        assertEquals(1, winners(replicas, d -> d.refire("alert:flap")), "its message shows it firing again, once");
        assertTrue(replicas.get(0).resolve("alert:flap"));
        now.set(now.get().plus(quiet).plusSeconds(1));
        assertEquals(
                1,
                winners(replicas, d -> d.claimOrReopen("alert:flap", "CALERTS", quiet)),
                "quiet long enough: a new incident");
        assertEquals(null, replicas.get(0).find("alert:flap").orElseThrow().messageTs());
    }
}
