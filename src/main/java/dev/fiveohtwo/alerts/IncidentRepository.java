package dev.fiveohtwo.alerts;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.time.Instant;
import java.util.Optional;

/**
 * Incidents; PostgreSQL dialect, which H2 speaks in {@code MODE=PostgreSQL}. Each change is one statement that
 * returns 1 for the one caller that wins it, on any replica, and 0 for every other.
 */
@JdbcRepository(dialect = Dialect.POSTGRES)
interface IncidentRepository extends GenericRepository<Incident, String> {

    Optional<Incident> findById(String key);

    @Query(
            "INSERT INTO alert_incident (incident_key, channel_id, claimed_at) VALUES (:key, :channel, :at) ON CONFLICT DO NOTHING")
    long claim(String key, String channel, Instant at);

    /** A claim whose message never came (the replica stopped while checking) may be taken over. */
    @Query(
            "UPDATE alert_incident SET claimed_at = :at WHERE incident_key = :key AND message_ts IS NULL AND claimed_at < :staleBefore")
    long takeOver(String key, Instant at, Instant staleBefore);

    /** An incident resolved before {@code resolvedBefore} that fires again is a new one: the caller that wins posts anew. */
    @Query("UPDATE alert_incident SET claimed_at = :at, message_ts = NULL, checked_at = NULL, resolved_at = NULL "
            + "WHERE incident_key = :key AND resolved_at IS NOT NULL AND resolved_at < :resolvedBefore")
    long reopen(String key, Instant at, Instant resolvedBefore);

    /** An incident that resolved moments ago fires again (it flaps): the caller that wins shows it firing in the same message. */
    @Query(
            "UPDATE alert_incident SET resolved_at = NULL, checked_at = :at WHERE incident_key = :key AND resolved_at IS NOT NULL "
                    + "AND message_ts IS NOT NULL")
    long refire(String key, Instant at);

    @Query("UPDATE alert_incident SET message_ts = :ts, checked_at = :at WHERE incident_key = :key")
    long posted(String key, String ts, Instant at);

    @Query(
            "UPDATE alert_incident SET checked_at = :at WHERE incident_key = :key AND message_ts IS NOT NULL AND resolved_at IS NULL "
                    + "AND checked_at < :before")
    long recheck(String key, Instant at, Instant before);

    @Query("UPDATE alert_incident SET resolved_at = :at WHERE incident_key = :key AND resolved_at IS NULL")
    long resolve(String key, Instant at);

    @Query("DELETE FROM alert_incident WHERE claimed_at < :before")
    long prune(Instant before);
}
