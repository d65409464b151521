package dev.fiveohtwo.slack;

import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * {@link FakeSlack} for the tests of other packages: the same validating stand-in for Slack's Web API, seen
 * through public methods. Register it with {@code @RegisterExtension}; a payload Slack would refuse fails the test.
 */
public final class SlackRecorder implements AutoCloseable, AfterEachCallback, AfterAllCallback {
    private final FakeSlack fake;

    /** One recorded {@code chat.postMessage} or {@code chat.update}; {@code atNanos} is when it arrived. */
    public record Message(
            String method, String channel, String ts, String threadTs, String text, String blocks, long atNanos) {}

    private SlackRecorder(FakeSlack fake) {
        this.fake = fake;
    }

    public static SlackRecorder start() {
        return new SlackRecorder(FakeSlack.start());
    }

    /** The Web API base URL, for SLACK_API_URL. */
    public String apiUrl() {
        return fake.apiUrl();
    }

    /** Every message call of {@code method} ({@code chat.postMessage}, {@code chat.update}) in {@code channel}, in order. */
    public List<Message> messages(String method, String channel) {
        return fake.calls(method).stream()
                .map(SlackRecorder::message)
                .filter(m -> m.channel().equals(channel))
                .toList();
    }

    /** Waits until a recorded message call matches, or fails after {@code timeout}. */
    public Message await(Predicate<Message> match, Duration timeout) throws InterruptedException {
        return message(fake.await(
                c -> (c.method().equals("chat.postMessage") || c.method().equals("chat.update"))
                        && match.test(message(c)),
                timeout));
    }

    /**
     * Clicks {@code actionId} on message {@code messageTs} as {@code user}: a block_actions request signed with
     * {@code signingSecret}, sent to the bot at {@code bot}; answers the HTTP status.
     */
    public int click(
            java.net.URI bot, String signingSecret, String channel, String actionId, String user, String messageTs)
            throws Exception {
        return new SignedRequests(bot, signingSecret)
                .post(SlackEndpointTest.clickIn(channel, actionId, user, messageTs, fake))
                .statusCode();
    }

    /** Waits for a file shared in {@code channel} under {@code threadTs}; answers its content. */
    public String awaitFile(String channel, String threadTs, Duration timeout) throws InterruptedException {
        return fake.await(
                        c -> c.method().equals("files.completeUploadExternal")
                                && channel.equals(c.param("channel_id"))
                                && threadTs.equals(c.param("thread_ts")),
                        timeout)
                .param("content");
    }

    /** How many files were shared in {@code channel} under {@code threadTs}. */
    public long files(String channel, String threadTs) {
        return fake.calls("files.completeUploadExternal").stream()
                .filter(c -> channel.equals(c.param("channel_id")) && threadTs.equals(c.param("thread_ts")))
                .count();
    }

    /** Fails when {@code blocks} break a Block Kit rule Slack enforces. */
    public static void check(String blocks) {
        BlockKitLimits.check(blocks);
    }

    private static Message message(FakeSlack.Call c) {
        return new Message(
                c.method(),
                c.param("channel"),
                c.param("ts"),
                c.param("thread_ts"),
                c.param("text"),
                c.param("blocks"),
                c.atNanos());
    }

    @Override
    public void afterEach(ExtensionContext context) {
        fake.afterEach(context);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        fake.afterAll(context);
    }

    @Override
    public void close() {
        fake.close();
    }
}
