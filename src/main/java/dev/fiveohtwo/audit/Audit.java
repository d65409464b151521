package dev.fiveohtwo.audit;

import dev.fiveohtwo.system.Printable;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Records and lists audit entries. Recording never throws: a failure is logged, the user's action goes on. */
@Singleton
public final class Audit {
    private static final Logger LOG = LoggerFactory.getLogger(Audit.class);
    private final AuditRepository repository;
    private final Clock clock;

    @jakarta.inject.Inject
    Audit(AuditRepository repository) {
        this(repository, Clock.systemUTC());
    }

    Audit(AuditRepository repository, Clock clock) {
        this.repository = repository;
        this.clock = clock;
    }

    /** Appends one entry; {@code detail} is cut to 2000 characters. */
    public void record(String actor, String channel, String action, String server, String detail, String outcome) {
        try {
            repository.save(new AuditEntry(
                    null,
                    clock.instant(),
                    cut(actor, 64),
                    channel,
                    action,
                    server,
                    cut(detail, 2000),
                    cut(outcome, 64)));
        } catch (RuntimeException e) {
            LOG.error(
                    "audit write failed for {} {}: {}",
                    action,
                    Printable.line(String.valueOf(server)),
                    Printable.line(String.valueOf(e.getMessage())));
        }
    }

    /** The newest entries since {@code since}, optionally for one server, newest first. */
    public List<AuditEntry> list(Optional<String> server, Instant since, int limit) {
        return server.map(s -> repository.forServer(s, since, limit)).orElseGet(() -> repository.since(since, limit));
    }

    private static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
