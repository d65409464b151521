package dev.fiveohtwo.audit;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

/**
 * One audited event.
 *
 * @param actor   the Slack user id, or {@code cli:<user>}, or {@code fiveohtwo} for the bot itself
 * @param action  {@code command}, {@code check}, {@code restart-request}, {@code approve}, {@code deny},
 *                {@code refuse}, {@code restart}, {@code recover}
 * @param outcome what came of it: a verdict, {@code ok}, a refusal reason, an exit status
 */
@MappedEntity("audit_entry")
public record AuditEntry(
        @Id @GeneratedValue @Nullable Long id,
        Instant at,
        String actor,
        @Nullable String channel,
        String action,
        @Nullable String server,
        String detail,
        String outcome) {}
