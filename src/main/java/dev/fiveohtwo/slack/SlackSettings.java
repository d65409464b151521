package dev.fiveohtwo.slack;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code slack.*}: set from the environment ({@code SLACK_BOT_TOKEN}, {@code SLACK_SIGNING_SECRET},
 * {@code SLACK_APP_TOKEN}, {@code SLACK_API_URL}) or application.yml. Secrets are never logged: see {@link #toString()}.
 *
 * @param apiUrl base of the Web API, e.g. {@code https://slack.com/api/} (tests and egress proxies change it)
 */
@ConfigurationProperties("slack")
public record SlackSettings(@Nullable String botToken, @Nullable String signingSecret, @Nullable String appToken,
                            @Nullable String apiUrl) {

    /** Socket Mode when an app-level token is set. */
    public boolean socketMode() {
        return appToken != null && !appToken.isBlank();
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
            p.add("SLACK_SIGNING_SECRET is not set (needed to verify requests in HTTP mode; or set SLACK_APP_TOKEN for Socket Mode)");
        }
        if (apiUrl != null && !apiUrl.isBlank() && !apiUrl.matches("https?://[^\\s]+")) {
            p.add("SLACK_API_URL is not an http(s) URL");
        }
        return p;
    }

    @Override
    public String toString() {
        return "SlackSettings[socketMode=" + socketMode() + ", apiUrl=" + methodsUrl() + "]";
    }
}
