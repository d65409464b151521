package dev.fiveohtwo.remediation;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;
import java.util.List;

/**
 * {@code fiveohtwo.remediation.*}.
 *
 * @param approvers        Slack user ids (U…/W…) and user group ids (S…) who may approve; empty: nobody may restart
 * @param twoPerson        the requester cannot approve their own request
 * @param expiry           an offer or request older than this is refused
 * @param cooldownRestarts at most this many restarts of one service per {@code cooldownWindow}
 * @param channels         channel ids where restarts may be asked for; empty: everywhere the bot is
 * @param dryRun           say what would run, run nothing
 * @param commandTimeout   deadline of the restart command itself
 */
@ConfigurationProperties("fiveohtwo.remediation")
public record RemediationSettings(
        @Bindable(defaultValue = "") List<String> approvers,
        @Bindable(defaultValue = "true") boolean twoPerson,
        @Bindable(defaultValue = "15m") Duration expiry,
        @Bindable(defaultValue = "3") int cooldownRestarts,
        @Bindable(defaultValue = "10m") Duration cooldownWindow,
        @Bindable(defaultValue = "") List<String> channels,
        @Bindable(defaultValue = "false") boolean dryRun,
        @Bindable(defaultValue = "60s") Duration commandTimeout) {

    public RemediationSettings {
        approvers = approvers == null
                ? List.of()
                : approvers.stream()
                        .filter(a -> !a.isBlank())
                        .map(String::strip)
                        .toList();
        channels = channels == null
                ? List.of()
                : channels.stream().filter(c -> !c.isBlank()).map(String::strip).toList();
    }
}
