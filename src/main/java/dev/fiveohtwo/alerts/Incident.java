package dev.fiveohtwo.alerts;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

/** One incident's message and how far it got: see {@link Incidents}. */
@MappedEntity("alert_incident")
record Incident(
        @Id String incidentKey,
        String channelId,
        @Nullable String messageTs,
        Instant claimedAt,
        @Nullable Instant checkedAt,
        @Nullable Instant resolvedAt) {}
