package dev.fiveohtwo.slack;

import com.slack.api.Slack;
import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import com.slack.api.methods.MethodsClient;
import dev.fiveohtwo.remediation.Approvers;
import dev.fiveohtwo.remediation.RemediationSettings;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.security.SecureRandom;
import java.util.HexFormat;

/** The Slack SDK's objects, built once from {@link SlackSettings}; everything else in this package is a bean of its own. */
@Factory
final class SlackFactory {

    @Singleton
    Slack slack(SlackSettings settings) {
        return settings.client();
    }

    /** The Web API with the bot token. */
    @Singleton
    MethodsClient methods(Slack slack, SlackSettings settings) {
        return slack.methods(settings.botToken());
    }

    @Singleton
    Approvers approvers(MethodsClient methods, RemediationSettings remediation) {
        return new SlackApprovers(methods, remediation.approvers());
    }

    @Singleton
    App app(Slack slack, SlackSettings settings) {
        return new App(AppConfig.builder()
                .slack(slack)
                .singleTeamBotToken(settings.botToken())
                // Socket Mode has no signing secret: a random one keeps the HTTP endpoint from accepting anything
                .signingSecret(
                        settings.signingSecret() == null
                                        || settings.signingSecret().isBlank()
                                ? unguessable()
                                : settings.signingSecret())
                // auth.test once per ten minutes, not on the path of every ack
                .authTestCacheEnabled(true)
                .authTestCacheExpirationMillis(600_000)
                .build());
    }

    private static String unguessable() {
        byte[] b = new byte[32];
        new SecureRandom().nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
