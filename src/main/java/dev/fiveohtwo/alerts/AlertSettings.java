package dev.fiveohtwo.alerts;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * {@code fiveohtwo.alerts.*}. The token only from the environment ({@code FIVEOHTWO_ALERTS_TOKEN}); without one the
 * hooks answer 404. {@link #toString()} never shows it.
 *
 * @param channel       channel id the findings go to, unless an alert's {@code fiveohtwo_channel} label names another
 * @param recheckAfter  a repeated notification re-checks only when the last check is older than this
 * @param stormServers  a notification naming more servers than this becomes one group summary
 * @param queue         notifications waiting for a worker; one more is answered 503 with Retry-After
 * @param workers       notifications handled at once (each may check many servers, {@code fiveohtwo.checks.parallelism})
 * @param unmatchedEvery at most one "matched no server" message per channel this often
 * @param reopenAfter   an alert that fires again later than this after it resolved gets a new message; sooner, it flaps,
 *                      and its message shows it firing again
 */
@ConfigurationProperties("fiveohtwo.alerts")
record AlertSettings(
        @Nullable String token,
        @Nullable String channel,
        @Bindable(defaultValue = "5m") Duration recheckAfter,
        @Bindable(defaultValue = "5") int stormServers,
        @Bindable(defaultValue = "20") int queue,
        @Bindable(defaultValue = "2") int workers,
        @Bindable(defaultValue = "10m") Duration unmatchedEvery,
        @Bindable(defaultValue = "5m") Duration reopenAfter) {

    boolean enabled() {
        return token != null && !token.isBlank();
    }

    @Override
    public String toString() {
        return "AlertSettings[enabled=" + enabled() + ", channel=" + channel + ", recheckAfter=" + recheckAfter
                + ", stormServers=" + stormServers + "]";
    }
}
