package dev.fiveohtwo.alerts;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Which incidents already have a message, kept in the database so that Alertmanager's repeats, a restart of the
 * bot and a second replica on the same PostgreSQL never post a second one. The first {@link #claim} of a key
 * anywhere posts; every later step is won by one caller.
 */
@Singleton
final class Incidents {
    /** A claim without a message after this is taken to be lost with the replica that made it. */
    static final Duration STALE_CLAIM = Duration.ofMinutes(3);
    /** Rows are kept this long: Alertmanager forgets a resolved alert long before. */
    static final Duration KEEP = Duration.ofDays(7);

    private static final int MAX_KEY = 255;
    private final IncidentRepository repository;
    private final Clock clock;
    private final AtomicReference<Instant> nextPrune = new AtomicReference<>(Instant.MIN);

    @Inject
    Incidents(IncidentRepository repository) {
        this(repository, Clock.systemUTC());
    }

    Incidents(IncidentRepository repository, Clock clock) {
        this.repository = repository;
        this.clock = clock;
    }

    Instant now() {
        return clock.instant();
    }

    /** True for the one caller, on any replica, that is to post the message of {@code key}. */
    boolean claim(String key, String channel) {
        String k = stored(key);
        Instant now = clock.instant();
        prune(now);
        return repository.claim(k, channel, now) == 1 || repository.takeOver(k, now, now.minus(STALE_CLAIM)) == 1;
    }

    /**
     * As {@link #claim}, and also true for the one caller that reopens {@code key}: it resolved more than {@code quiet}
     * ago, so firing again is a new incident with a message of its own.
     */
    boolean claimOrReopen(String key, String channel, Duration quiet) {
        Instant now = clock.instant();
        return claim(key, channel) || repository.reopen(stored(key), now, now.minus(quiet)) == 1;
    }

    /** True for the one caller that finds {@code key} resolved (within the quiet time) and marks it firing again. */
    boolean refire(String key) {
        return repository.refire(stored(key), clock.instant()) == 1;
    }

    Optional<Incident> find(String key) {
        return repository.findById(stored(key));
    }

    void posted(String key, String ts) {
        repository.posted(stored(key), ts, clock.instant());
    }

    /** True for the one caller that is to re-check: the incident has a message and its last check is older than {@code age}. */
    boolean recheck(String key, Duration age) {
        Instant now = clock.instant();
        return repository.recheck(stored(key), now, now.minus(age)) == 1;
    }

    /** True for the one caller that marks {@code key} resolved. */
    boolean resolve(String key) {
        return repository.resolve(stored(key), clock.instant()) == 1;
    }

    private void prune(Instant now) {
        Instant next = nextPrune.get();
        if (!now.isBefore(next) && nextPrune.compareAndSet(next, now.plus(Duration.ofHours(1)))) {
            repository.prune(now.minus(KEEP));
        }
    }

    /** Keys built from a monitor's labels may be long: anything longer than the column is stored as its SHA-256. */
    static String stored(String key) {
        return key.length() <= MAX_KEY ? key : "sha256:" + sha256(key);
    }

    static String sha256(String s) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
