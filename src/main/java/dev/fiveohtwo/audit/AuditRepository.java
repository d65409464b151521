package dev.fiveohtwo.audit;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.time.Instant;
import java.util.List;

/** Appends and reads audit entries; it has no update or delete on purpose. */
@JdbcRepository(dialect = Dialect.POSTGRES)
interface AuditRepository extends GenericRepository<AuditEntry, Long> {

    AuditEntry save(AuditEntry entry);

    @Query("SELECT * FROM audit_entry WHERE at >= :since ORDER BY at DESC, id DESC LIMIT :limit")
    List<AuditEntry> since(Instant since, int limit);

    @Query("SELECT * FROM audit_entry WHERE server = :server AND at >= :since ORDER BY at DESC, id DESC LIMIT :limit")
    List<AuditEntry> forServer(String server, Instant since, int limit);
}
