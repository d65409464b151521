package dev.fiveohtwo.slack;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code fiveohtwo.slack.*}, every key with its default in application.yml. The secrets and the API URL come from
 * {@code SLACK_BOT_TOKEN}, {@code SLACK_SIGNING_SECRET}, {@code SLACK_APP_TOKEN} and {@code SLACK_API_URL} through
 * placeholders there; the rest from {@code FIVEOHTWO_SLACK_*} by Micronaut's usual mapping. Secrets are never
 * logged: see {@link #toString()}.
 *
 * @param apiUrl        base of the Web API, e.g. {@code https://slack.com/api/} (tests and egress proxies change it)
 * @param channels      channel ids where {@code /502 check} may run; empty: everywhere
 * @param workers       checks run at once after the ack (100 more may queue)
 * @param progressEvery how often a slow check's "checking…" message is updated
 */
@ConfigurationProperties("fiveohtwo.slack")
public record SlackSettings(
        @Nullable String botToken,
        @Nullable String signingSecret,
        @Nullable String appToken,
        @Nullable String apiUrl,
        @Nullable List<String> channels,
        @Bindable(defaultValue = "8") int workers,
        @Bindable(defaultValue = "2s") Duration progressEvery) {

    public SlackSettings {
        channels = channels == null
                ? List.of()
                : channels.stream()
                        .filter(c -> c != null && !c.isBlank())
                        .map(String::strip)
                        .toList();
        workers = Math.max(1, workers);
        progressEvery = progressEvery == null || progressEvery.isNegative() || progressEvery.isZero()
                ? Duration.ofSeconds(2)
                : progressEvery;
    }

    /** Settings with only the Slack connection given, the rest at their defaults. */
    static SlackSettings of(String botToken, String signingSecret, String appToken, String apiUrl) {
        return new SlackSettings(botToken, signingSecret, appToken, apiUrl, List.of(), 8, Duration.ofSeconds(2));
    }

    /** Socket Mode when an app-level token is set. */
    public boolean socketMode() {
        return appToken != null && !appToken.isBlank();
    }

    /** Whether {@code /502 check} may run in {@code channelId}. */
    boolean allows(String channelId) {
        return channels.isEmpty() || channels.contains(channelId);
    }

    /** The Web API base URL with its trailing slash. */
    String methodsUrl() {
        String url = apiUrl == null || apiUrl.isBlank() ? "https://slack.com/api/" : apiUrl.strip();
        return url.endsWith("/") ? url : url + "/";
    }

    /** A Slack client configured for {@link #methodsUrl()}. */
    com.slack.api.Slack client() {
        com.slack.api.SlackConfig config = new com.slack.api.SlackConfig();
        config.setMethodsEndpointUrlPrefix(methodsUrl());
        config.setPrettyResponseLoggingEnabled(false);
        // the SDK's call statistics resolve the team with an extra auth.test per token, and log a stack trace
        // when that fails: the bot keeps its own metrics
        config.setStatsEnabled(false);
        return com.slack.api.Slack.getInstance(config);
    }

    /** One line per problem; empty when the bot can start. */
    public List<String> problems() {
        List<String> p = new ArrayList<>();
        if (botToken == null || botToken.isBlank()) {
            p.add("SLACK_BOT_TOKEN is not set (the bot token, xoxb-...)");
        } else if (!botToken.startsWith("xoxb-")) {
            p.add("SLACK_BOT_TOKEN does not look like a bot token (it should start with xoxb-)");
        }
        if (socketMode()) {
            if (!appToken.startsWith("xapp-")) {
                p.add("SLACK_APP_TOKEN does not look like an app-level token (it should start with xapp-)");
            }
        } else if (signingSecret == null || signingSecret.isBlank()) {
            p.add(
                    "SLACK_SIGNING_SECRET is not set (needed to verify requests in HTTP mode; or set SLACK_APP_TOKEN for Socket Mode)");
        }
        if (apiUrl != null && !apiUrl.isBlank() && !apiUrl.matches("https?://[^\\s]+")) {
            p.add("SLACK_API_URL is not an http(s) URL");
        }
        return p;
    }

    @Override
    public String toString() {
        return "SlackSettings[socketMode=" + socketMode() + ", apiUrl=" + methodsUrl() + ", channels=" + channels.size()
                + ", workers=" + workers + ", progressEvery=" + progressEvery + "]";
    }
}
