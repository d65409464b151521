package dev.fiveohtwo.alerts;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * {@code POST /hooks/check} from any monitor: check {@code target} (a server or a group) and post the findings.
 *
 * @param channel a channel id; null: {@code FIVEOHTWO_ALERTS_CHANNEL}
 * @param reason  shown above the findings, as an alert's summary is
 */
@Serdeable
record CheckRequest(
        @Nullable String target,
        @Nullable String channel,
        @Nullable String reason) {}
