package dev.fiveohtwo.remediation;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Restart requests. Every change of state is one conditional UPDATE that names the state it leaves, and
 * returns how many rows it changed: 1 for the one caller that wins, 0 for every other.
 */
@JdbcRepository(dialect = Dialect.POSTGRES)
interface RestartRequestRepository extends GenericRepository<RestartRequest, String> {

    RestartRequest save(RestartRequest request);

    Optional<RestartRequest> findById(String id);

    @Query(
            "UPDATE restart_request SET state = 'requested', requester = :user, updated_at = :now, expires_at = :expires "
                    + "WHERE id = :id AND state = 'offered' AND expires_at > :now")
    long request(String id, String user, Instant now, Instant expires);

    @Query("UPDATE restart_request SET approval_ts = :ts WHERE id = :id")
    long approvalMessage(String id, String ts);

    @Query("UPDATE restart_request SET state = :to, approver = :user, updated_at = :now "
            + "WHERE id = :id AND state = 'requested' AND expires_at > :now")
    long decide(String id, String to, String user, Instant now);

    @Query("UPDATE restart_request SET state = :to, updated_at = :now WHERE id = :id AND state = :from")
    long move(String id, String from, String to, Instant now);

    @Query(
            "UPDATE restart_request SET state = :to, exit_status = :exit, output_tail = :tail, duration_ms = :ms, updated_at = :now "
                    + "WHERE id = :id AND state = 'running'")
    long finish(String id, String to, @Nullable Integer exit, @Nullable String tail, @Nullable Long ms, Instant now);

    @Query(
            "UPDATE restart_request SET state = 'expired', updated_at = :now WHERE id = :id AND state IN ('offered', 'requested') AND expires_at <= :now")
    long expire(String id, Instant now);

    @Query("SELECT COUNT(*) FROM restart_request WHERE server = :server AND service = :service "
            + "AND state IN ('running', 'succeeded', 'failed', 'failed-unknown') AND updated_at > :since")
    long recentRuns(String server, String service, Instant since);

    @Query("SELECT * FROM restart_request WHERE state = 'running'")
    List<RestartRequest> running();
}
