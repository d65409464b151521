package dev.fiveohtwo.slack;

import com.slack.api.Slack;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.SlackApiTextResponse;
import com.slack.api.methods.SlackFilesUploadV2Exception;
import com.slack.api.methods.request.chat.ChatPostMessageRequest;
import com.slack.api.methods.request.chat.ChatUpdateRequest;
import com.slack.api.methods.request.files.FilesUploadV2Request;
import com.slack.api.methods.response.chat.ChatPostMessageResponse;
import com.slack.api.methods.response.files.FilesUploadV2Response;
import dev.fiveohtwo.system.BotMetrics;
import dev.fiveohtwo.system.Printable;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place that talks to Slack's Web API: posts and updates messages ({@code chat.postMessage},
 * {@code chat.update}), shares a file ({@code files.uploadV2}: the SDK's three calls), or uses the command's
 * {@code response_url} when the bot may not post to the channel.
 *
 * <p>Deliveries are paced per channel ({@link Pacer}: about one a second, short bursts) and a 429 is retried after
 * its {@code Retry-After}, at most {@value #MAX_ATTEMPTS} attempts and {@value #MAX_WAIT_SECONDS} s of waiting. A
 * delivery that still fails is logged once, counted ({@code fiveohtwo_slack_delivery_failures_total{method}}) and
 * told to the user through the response_url when there is one. Progress updates ({@link Live}) are the exception:
 * they are dropped rather than queued, since a newer one follows and the final update must not wait behind them.
 * Slack errors are data here (never the token), not exceptions.
 */
@Singleton
final class SlackPoster {
    private static final Logger LOG = LoggerFactory.getLogger(SlackPoster.class);
    static final int MAX_ATTEMPTS = 5;
    static final int MAX_WAIT_SECONDS = 60;

    /** Waits; tests pass one that only records. */
    interface Sleeper {
        void sleep(Duration d) throws InterruptedException;
    }

    private final Slack slack;
    private final MethodsClient client;
    private final SlackJson json;
    private final BotMetrics metrics;
    private final Sleeper sleeper;
    private final LongSupplier nanoTime;
    private final Pacer pacer;

    @Inject
    SlackPoster(Slack slack, MethodsClient client, SlackJson json, BotMetrics metrics) {
        this(slack, client, json, metrics, d -> Thread.sleep(d.toMillis()), System::nanoTime);
    }

    SlackPoster(
            Slack slack,
            MethodsClient client,
            SlackJson json,
            BotMetrics metrics,
            Sleeper sleeper,
            LongSupplier nanoTime) {
        this.slack = slack;
        this.client = client;
        this.json = json;
        this.metrics = metrics;
        this.sleeper = sleeper;
        this.nanoTime = nanoTime;
        this.pacer = new Pacer(nanoTime, Duration.ofSeconds(1), 3);
    }

    /** A posted message that can be updated: by {@code ts} in a channel, or through the response_url. */
    record Posted(String channelId, String ts, String responseUrl) {
        boolean updatable() {
            return ts != null;
        }
    }

    /** How a delivery ended: {@code error} is Slack's error code or the transport failure, null when delivered. */
    private record Sent(SlackApiTextResponse response, String error) {
        boolean ok() {
            return error == null;
        }
    }

    /** Posts {@code blocks} (a JSON array) with {@code text} as the notification fallback. */
    Optional<Posted> post(Conversation to, String text, String blocks) {
        return post(to, text, blocks, null);
    }

    /**
     * Posts a message; when it cannot be delivered, tells the user through the response_url.
     *
     * @param subject what the message is, for that notice ("the findings for web-01"); null: its fallback text
     */
    Optional<Posted> post(Conversation to, String text, String blocks, String subject) {
        ChatPostMessageRequest request = ChatPostMessageRequest.builder()
                .channel(to.channelId())
                .threadTs(to.threadTs())
                .text(text)
                .blocksAsString(blocks)
                .unfurlLinks(false)
                .unfurlMedia(false)
                .build();
        Sent sent = deliver("chat.postMessage", to.channelId(), () -> client.chatPostMessage(request), null);
        if (sent.ok()) {
            ChatPostMessageResponse r = (ChatPostMessageResponse) sent.response();
            return Optional.of(new Posted(r.getChannel(), r.getTs(), to.responseUrl()));
        }
        if (to.responseUrl() != null
                && ("not_in_channel".equals(sent.error()) || "channel_not_found".equals(sent.error()))) {
            // not a failure: the bot was not invited, and the command's response_url still reaches the channel
            return respond(to.responseUrl(), text, blocks, false, true)
                    ? Optional.of(new Posted(to.channelId(), null, to.responseUrl()))
                    : Optional.empty();
        }
        failed("chat.postMessage", to.channelId(), sent.error(), to.responseUrl(), subject, text);
        return Optional.empty();
    }

    /** Replaces a posted message. */
    boolean update(Posted m, String text, String blocks) {
        return update(m, text, blocks, null);
    }

    /** Replaces a posted message; {@code subject} as for {@link #post(Conversation, String, String, String)}. */
    boolean update(Posted m, String text, String blocks, String subject) {
        if (!m.updatable()) {
            return respond(m.responseUrl(), text, blocks, true, true);
        }
        Sent sent =
                deliver("chat.update", m.channelId(), () -> client.chatUpdate(updateRequest(m, text, blocks)), null);
        if (!sent.ok()) {
            failed("chat.update", m.channelId(), sent.error(), m.responseUrl(), subject, text);
        }
        return sent.ok();
    }

    /**
     * Shares {@code content} as one text file in the conversation (its thread when it has one), with
     * {@code comment} (mrkdwn) as its message. Paced and retried like a post; told through the response_url when it
     * cannot be shared.
     */
    boolean upload(Conversation to, String filename, String title, String content, String comment, String subject) {
        Sent sent = deliver(
                "files.uploadV2",
                to.channelId(),
                () -> {
                    try {
                        return client.filesUploadV2(FilesUploadV2Request.builder()
                                .channel(to.channelId())
                                .threadTs(to.threadTs())
                                .filename(filename)
                                .title(title)
                                .content(content)
                                .snippetType("text")
                                .initialComment(comment)
                                .build());
                    } catch (SlackFilesUploadV2Exception e) {
                        return uploadRefusal(e);
                    }
                },
                null);
        if (!sent.ok()) {
            failed("files.uploadV2", to.channelId(), sent.error(), to.responseUrl(), subject, title);
        }
        return sent.ok();
    }

    /** Which of the upload's steps Slack refused, as a response carrying its error code. */
    private static FilesUploadV2Response uploadRefusal(SlackFilesUploadV2Exception e) {
        String error =
                e.getCompleteResponse() != null && !e.getCompleteResponse().isOk()
                        ? e.getCompleteResponse().getError()
                        : e.getGetURLResponses().stream()
                                .filter(r -> !r.isOk())
                                .map(r -> r.getError())
                                .findFirst()
                                .orElse(
                                        e.getUploadResponses().isEmpty()
                                                ? "upload_failed"
                                                : "upload_failed: HTTP "
                                                        + e.getUploadResponses()
                                                                .values()
                                                                .iterator()
                                                                .next()
                                                                .getCode());
        FilesUploadV2Response r = new FilesUploadV2Response();
        r.setOk(false);
        r.setError(error);
        return r;
    }

    /**
     * A message kept up to date while work runs: {@link Live#progress} updates are best effort, {@link Live#finish}
     * is delivered like any update and is never overtaken by a progress update.
     */
    Live live(Posted m) {
        return new Live(m);
    }

    final class Live {
        private final Posted message;
        private final ReentrantLock sending = new ReentrantLock();
        private volatile boolean finished;

        private Live(Posted message) {
            this.message = message;
        }

        /**
         * Sends a progress update now, or drops it: when the message is finished, another update is under way, the
         * channel has no capacity this second or Slack answers 429. The next progress update supersedes it anyway.
         */
        boolean progress(String text, String blocks) {
            if (finished || !message.updatable() || !sending.tryLock()) {
                return false;
            }
            try {
                if (finished || !pacer.tryAcquire(message.channelId())) {
                    return false;
                }
                Sent sent = deliver(
                        "chat.update",
                        message.channelId(),
                        () -> client.chatUpdate(updateRequest(message, text, blocks)),
                        this);
                if (!sent.ok()) {
                    LOG.debug("progress update in {} dropped: {}", message.channelId(), sent.error());
                }
                return sent.ok();
            } finally {
                sending.unlock();
            }
        }

        /** The final content: no progress update is sent once this starts; one in flight is waited for. */
        boolean finish(String text, String blocks, String subject) {
            finished = true;
            sending.lock();
            try {
                return update(message, text, blocks, subject);
            } finally {
                sending.unlock();
            }
        }
    }

    private static ChatUpdateRequest updateRequest(Posted m, String text, String blocks) {
        return ChatUpdateRequest.builder()
                .channel(m.channelId())
                .ts(m.ts())
                .text(text)
                .blocksAsString(blocks)
                .build();
    }

    /** An ephemeral reply through a response_url. */
    void ephemeral(String responseUrl, String text, String blocks) {
        respond(responseUrl, text, blocks, false, false);
    }

    private interface Call {
        SlackApiTextResponse run() throws IOException, SlackApiException;
    }

    /**
     * Runs {@code call} within the channel's pace, retrying a 429 after its Retry-After and a transport failure or
     * 5xx after a second, within the attempt and wait bounds. {@code progress}: a best-effort update, sent once.
     */
    private Sent deliver(String method, String channel, Call call, Live progress) {
        long waited = 0;
        String error = "unknown";
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            if (progress == null && !pace(channel)) {
                return new Sent(null, "interrupted");
            }
            long wait;
            try {
                SlackApiTextResponse r = call.run();
                // a logical error (channel_not_found, invalid_blocks, ...) does not get better by asking again
                return new Sent(r, r.isOk() ? null : r.getError());
            } catch (SlackApiException e) {
                int code = e.getResponse() == null ? 0 : e.getResponse().code();
                if (code != 429 && code < 500) {
                    return new Sent(null, "HTTP " + code);
                }
                error = code == 429 ? "ratelimited" : "HTTP " + code;
                wait = code == 429 ? retryAfter(e) : 1;
            } catch (IOException e) {
                error = transport(e);
                wait = 1;
            }
            // every delivery to the channel waits, not only this one: the next pace() sleeps it out
            pacer.blockFor(channel, Duration.ofSeconds(wait));
            if (progress != null || attempt == MAX_ATTEMPTS || waited + wait > MAX_WAIT_SECONDS) {
                break;
            }
            waited += wait;
            LOG.debug(
                    "{} in {}: {}, attempt {} of {}, again in {} s",
                    method,
                    channel,
                    error,
                    attempt,
                    MAX_ATTEMPTS,
                    wait);
        }
        return new Sent(null, error);
    }

    private boolean pace(String channel) {
        Duration wait = pacer.reserve(channel);
        return wait.isZero() || sleep(wait);
    }

    private boolean sleep(Duration d) {
        try {
            sleeper.sleep(d);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Slack's Retry-After in seconds, 1 to 60 (1 when missing or unreadable). */
    private static long retryAfter(SlackApiException e) {
        String h = e.getResponse().header("Retry-After");
        try {
            return h == null ? 1 : Math.max(1, Math.min(MAX_WAIT_SECONDS, Long.parseLong(h.strip())));
        } catch (NumberFormatException bad) {
            return 1;
        }
    }

    /** A transport failure in a few words, never a URL with a token (the SDK puts none in these messages). */
    static String transport(IOException e) {
        String message = e.getMessage() == null
                ? ""
                : ": " + SlackViews.plain(e.getMessage().replaceAll("[\\p{Cntrl}]+", " "), 120);
        return e.getClass().getSimpleName() + message;
    }

    /** A delivery that did not happen: one log line, the metric, and a word to the user when there is a way to reach them. */
    private void failed(String method, String channel, String error, String responseUrl, String subject, String text) {
        LOG.warn(
                "{} in {} failed: {}",
                method,
                Printable.line(String.valueOf(channel)),
                Printable.line(String.valueOf(error)));
        metrics.deliveryFailed(method);
        if (responseUrl != null) {
            String what = subject != null ? subject : SlackViews.messageSubject(text);
            respond(responseUrl, SlackViews.couldNotPost(what, error), null, false, false);
        }
    }

    private boolean respond(String url, String text, String blocks, boolean replace, boolean inChannel) {
        if (url == null) {
            return false;
        }
        String payload = json.response(text, blocks, replace, inChannel);
        String error;
        try {
            com.slack.api.webhook.WebhookResponse r = slack.send(url, payload);
            // Slack answers a refused payload with 200 and {"ok":false,"error":...}
            String body = r.getBody() == null ? "" : r.getBody();
            int code = r.getCode() == null ? 0 : r.getCode();
            if (code / 100 == 2 && !body.replace(" ", "").contains("\"ok\":false")) {
                return true;
            }
            error = "HTTP " + code
                    + (body.contains("\"error\"")
                            ? " " + SlackViews.plain(body.replaceAll("[\\p{Cntrl}]+", " "), 120)
                            : "");
        } catch (IOException e) {
            error = transport(e);
        }
        LOG.warn("response_url failed: {}", Printable.line(String.valueOf(error)));
        metrics.deliveryFailed("response_url");
        return false;
    }
}
