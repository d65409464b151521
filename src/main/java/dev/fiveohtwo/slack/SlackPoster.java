package dev.fiveohtwo.slack;

import com.slack.api.Slack;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.response.chat.ChatPostMessageResponse;
import com.slack.api.methods.response.chat.ChatUpdateResponse;
import dev.fiveohtwo.system.Printable;
import java.io.IOException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts and updates messages: {@code chat.postMessage}/{@code chat.update}, or the command's
 * {@code response_url} when the bot may not post to the channel. Slack errors are logged (never the token)
 * and returned as an empty result, not thrown.
 */
final class SlackPoster {
    private static final Logger LOG = LoggerFactory.getLogger(SlackPoster.class);
    private final Slack slack;
    private final MethodsClient client;

    SlackPoster(Slack slack, String botToken) {
        this.slack = slack;
        this.client = slack.methods(botToken);
    }

    /** A posted message that can be updated: by {@code ts} in a channel, or through the response_url. */
    record Posted(String channelId, String ts, String responseUrl) {
        boolean updatable() {
            return ts != null;
        }
    }

    /** Posts {@code blocks} (a JSON array) with {@code text} as the notification fallback. */
    Optional<Posted> post(Conversation to, String text, String blocks) {
        try {
            ChatPostMessageResponse r = client.chatPostMessage(b -> b.channel(to.channelId()).threadTs(to.threadTs())
                .text(text).blocksAsString(blocks).unfurlLinks(false).unfurlMedia(false));
            if (r.isOk()) {
                return Optional.of(new Posted(r.getChannel(), r.getTs(), to.responseUrl()));
            }
            LOG.warn("chat.postMessage to {} failed: {}", Printable.line(String.valueOf(to.channelId())), Printable.line(String.valueOf(r.getError())));
            if (to.responseUrl() != null && ("not_in_channel".equals(r.getError()) || "channel_not_found".equals(r.getError()))) {
                return respond(to.responseUrl(), text, blocks, false, true)
                    ? Optional.of(new Posted(to.channelId(), null, to.responseUrl())) : Optional.empty();
            }
        } catch (IOException | SlackApiException e) {
            LOG.warn("chat.postMessage to {} failed: {}", Printable.line(String.valueOf(to.channelId())), e.getClass().getSimpleName());
        }
        return Optional.empty();
    }

    /** Replaces a posted message. */
    void update(Posted m, String text, String blocks) {
        if (!m.updatable()) {
            respond(m.responseUrl(), text, blocks, true, true);
            return;
        }
        try {
            ChatUpdateResponse r = client.chatUpdate(b -> b.channel(m.channelId()).ts(m.ts()).text(text).blocksAsString(blocks));
            if (!r.isOk()) {
                LOG.warn("chat.update in {} failed: {}", Printable.line(String.valueOf(m.channelId())), Printable.line(String.valueOf(r.getError())));
            }
        } catch (IOException | SlackApiException e) {
            LOG.warn("chat.update in {} failed: {}", Printable.line(String.valueOf(m.channelId())), e.getClass().getSimpleName());
        }
    }

    /** An ephemeral reply through a response_url. */
    void ephemeral(String responseUrl, String text, String blocks) {
        respond(responseUrl, text, blocks, false, false);
    }

    private boolean respond(String url, String text, String blocks, boolean replace, boolean inChannel) {
        if (url == null) {
            return false;
        }
        String payload = "{\"response_type\":\"" + (inChannel ? "in_channel" : "ephemeral") + "\",\"replace_original\":" + replace
            + ",\"text\":\"" + SlackRenderer.json(text) + "\"" + (blocks == null ? "" : ",\"blocks\":" + blocks) + "}";
        try {
            int code = slack.send(url, payload).getCode();
            if (code / 100 != 2) {
                LOG.warn("response_url answered {}", code);
            }
            return code / 100 == 2;
        } catch (IOException e) {
            LOG.warn("response_url failed: {}", e.getClass().getSimpleName());
            return false;
        }
    }
}
