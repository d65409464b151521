package dev.fiveohtwo.slack;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Which Slack deliveries were already handled, kept in the database so that a request Slack delivers twice, or
 * that someone replays, does its work once: after a restart too, and across replicas sharing one PostgreSQL.
 * A signed request is accepted while its timestamp is within {@link RequestSignature#WINDOW} of now, and its
 * timestamp was within that window when it first arrived, so ten minutes after the first delivery no copy can
 * pass the signature check any more; keys are kept {@link #KEEP}, which adds room for clocks that disagree.
 */
@Singleton
final class Deliveries {
    static final Duration KEEP = RequestSignature.WINDOW.multipliedBy(3);
    private static final Duration PRUNE_EVERY = Duration.ofMinutes(1);
    private static final int MAX_KEY = 255;
    private final DeliveryRepository repository;
    private final Clock clock;
    private final ThrottledLog log;
    private final AtomicReference<Instant> nextPrune = new AtomicReference<>(Instant.MIN);

    @Inject
    Deliveries(DeliveryRepository repository) {
        this(repository, Clock.systemUTC());
    }

    Deliveries(DeliveryRepository repository, Clock clock) {
        this.repository = repository;
        this.clock = clock;
        this.log = new ThrottledLog(clock);
    }

    /**
     * Claims a delivery.
     *
     * @return true the first time {@code key} is claimed anywhere; true as well when the database cannot be
     *     reached (logged): a read-only check run twice is better than a command lost during an outage
     */
    boolean first(String key) {
        try {
            return repository.claim(stored(key), clock.instant()) == 1;
        } catch (RuntimeException e) {
            log.warn(
                    "deliveries-unavailable",
                    "cannot record a Slack delivery, handling it anyway: "
                            + e.getClass().getSimpleName());
            return true;
        }
    }

    /** Deletes keys no replay can reach any more; does nothing when it last ran less than a minute ago. */
    void prune() {
        Instant now = clock.instant();
        Instant next = nextPrune.get();
        if (now.isBefore(next) || !nextPrune.compareAndSet(next, now.plus(PRUNE_EVERY))) {
            return;
        }
        try {
            repository.prune(now.minus(KEEP));
        } catch (RuntimeException e) {
            log.warn(
                    "deliveries-prune",
                    "cannot prune old Slack deliveries: " + e.getClass().getSimpleName());
        }
    }

    /** Slack's ids are short; anything longer is stored as its SHA-256. */
    private static String stored(String key) {
        if (key.length() <= MAX_KEY) {
            return key;
        }
        try {
            return "sha256:"
                    + HexFormat.of()
                            .formatHex(
                                    MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
