package dev.fiveohtwo.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.slack.api.Slack;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.request.chat.ChatPostMessageRequest;
import com.slack.api.methods.request.chat.ChatUpdateRequest;
import com.slack.api.methods.response.chat.ChatPostMessageResponse;
import com.slack.api.methods.response.chat.ChatUpdateResponse;
import com.slack.api.webhook.WebhookResponse;
import dev.fiveohtwo.system.BotMetrics;
import java.io.IOException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * SlackPoster's delivery rules against a mocked Web API and a hand-moved clock: nothing here waits for real,
 * and nothing asserts on elapsed time.
 */
@Timeout(30)
class SlackPosterTest {
    static final String URL = "http://127.0.0.1:1/respond/x";
    final MethodsClient client = mock(MethodsClient.class);
    final Slack slack = mock(Slack.class);
    final BotMetrics metrics = mock(BotMetrics.class);
    final AtomicLong now = new AtomicLong(1_000_000_000_000L);
    final List<Duration> slept = Collections.synchronizedList(new ArrayList<>());
    SlackPoster poster;
    final SlackPoster.Posted message = new SlackPoster.Posted("C1", "1795265000.000100", URL);

    @BeforeEach
    void setUp() throws IOException {
        poster = new SlackPoster(
                slack,
                client,
                new SlackJson(io.micronaut.json.JsonMapper.createDefault()),
                metrics,
                d -> {
                    slept.add(d);
                    now.addAndGet(d.toNanos());
                },
                now::get);
        when(slack.send(anyString(), anyString()))
                .thenReturn(WebhookResponse.builder().code(200).body("ok").build());
    }

    static SlackApiException rateLimited(String retryAfter) {
        Response.Builder r = new Response.Builder()
                .request(new Request.Builder()
                        .url("http://127.0.0.1/api/chat.update")
                        .build())
                .protocol(Protocol.HTTP_1_1)
                .code(429)
                .message("Too Many Requests");
        if (retryAfter != null) {
            r.header("Retry-After", retryAfter);
        }
        return new SlackApiException(r.build(), "{\"ok\":false,\"error\":\"ratelimited\"}");
    }

    static ChatUpdateResponse updated() {
        ChatUpdateResponse r = new ChatUpdateResponse();
        r.setOk(true);
        return r;
    }

    static ChatPostMessageResponse posted(String channel) {
        ChatPostMessageResponse r = new ChatPostMessageResponse();
        r.setOk(true);
        r.setChannel(channel);
        r.setTs("1795265000.000200");
        return r;
    }

    private long waitedSeconds() {
        synchronized (slept) {
            return slept.stream().mapToLong(Duration::toSeconds).sum();
        }
    }

    @Test
    void aRateLimitedUpdateIsSentAgainAfterItsRetryAfter() throws Exception {
        when(client.chatUpdate(any(ChatUpdateRequest.class)))
                .thenThrow(rateLimited("3"))
                .thenReturn(updated());
        assertTrue(poster.update(message, "web-01: bad-gateway", "[]", "the findings for web-01"));
        verify(client, times(2)).chatUpdate(any(ChatUpdateRequest.class));
        assertTrue(slept.contains(Duration.ofSeconds(3)), "Retry-After not honoured: " + slept);
        verify(metrics, never()).deliveryFailed(anyString());
        verify(slack, never()).send(anyString(), anyString());
    }

    @Test
    void anUpdateSlackKeepsRateLimitingIsTriedFiveTimesThenCountedAndTold() throws Exception {
        when(client.chatUpdate(any(ChatUpdateRequest.class))).thenThrow(rateLimited("1"));
        assertFalse(poster.update(message, "web-01: bad-gateway", "[]", "the findings for web-01"));
        verify(client, times(SlackPoster.MAX_ATTEMPTS)).chatUpdate(any(ChatUpdateRequest.class));
        verify(metrics, times(1)).deliveryFailed("chat.update");
        verify(slack)
                .send(
                        eq(URL),
                        argThat((String p) -> p.contains("I could not post the findings for web-01: ratelimited")
                                && p.contains("\"response_type\":\"ephemeral\"")));
    }

    @Test
    void theWaitForRetriesIsCappedEvenWhenSlackAsksForMore() throws Exception {
        when(client.chatUpdate(any(ChatUpdateRequest.class))).thenThrow(rateLimited("45"));
        assertFalse(poster.update(message, "t", "[]", "the findings for web-01"));
        // 45 s once is within the cap, a second 45 s is not: two attempts, one wait
        verify(client, times(2)).chatUpdate(any(ChatUpdateRequest.class));
        assertTrue(waitedSeconds() <= SlackPoster.MAX_WAIT_SECONDS, "waited " + slept);
        verify(metrics).deliveryFailed("chat.update");
    }

    @Test
    void aRetryAfterBeyondTheCapIsNotWaitedFor() throws Exception {
        when(client.chatUpdate(any(ChatUpdateRequest.class))).thenThrow(rateLimited("3600"));
        assertFalse(poster.update(message, "t", "[]", null));
        verify(client, times(2)).chatUpdate(any(ChatUpdateRequest.class));
        assertTrue(waitedSeconds() <= SlackPoster.MAX_WAIT_SECONDS, "waited " + slept);
    }

    @Test
    void aLogicalErrorIsNotRetriedButCountedAndTold() throws Exception {
        ChatUpdateResponse refused = new ChatUpdateResponse();
        refused.setOk(false);
        refused.setError("invalid_blocks");
        when(client.chatUpdate(any(ChatUpdateRequest.class))).thenReturn(refused);
        assertFalse(poster.update(message, "web-01: unreachable", "[]", "the findings for web-01"));
        verify(client, times(1)).chatUpdate(any(ChatUpdateRequest.class));
        verify(metrics).deliveryFailed("chat.update");
        verify(slack)
                .send(
                        eq(URL),
                        argThat((String p) -> p.contains("I could not post the findings for web-01: invalid_blocks")));
    }

    @Test
    void aTransportFailureIsRetriedAndThenSucceeds() throws Exception {
        when(client.chatPostMessage(any(ChatPostMessageRequest.class)))
                .thenThrow(new ConnectException("Connection refused"))
                .thenReturn(posted("C1"));
        assertTrue(poster.post(new Conversation("C1", null, "UALICE", URL), "x", "[]")
                .isPresent());
        verify(client, times(2)).chatPostMessage(any(ChatPostMessageRequest.class));
    }

    @Test
    void postsToOneChannelArePacedAfterAShortBurstAndOtherChannelsAreNot() throws Exception {
        when(client.chatPostMessage(any(ChatPostMessageRequest.class))).thenReturn(posted("C1"));
        Conversation c1 = new Conversation("C1", null, null, null);
        for (int i = 0; i < 6; i++) {
            poster.post(c1, "x", "[]");
        }
        // a burst of three goes at once, then one a second
        assertEquals(List.of(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1)), slept);
        slept.clear();
        poster.post(new Conversation("C2", null, null, null), "x", "[]");
        assertEquals(List.of(), slept);
    }

    @Test
    void aRateLimitHoldsBackTheWholeChannel() throws Exception {
        when(client.chatUpdate(any(ChatUpdateRequest.class)))
                .thenThrow(rateLimited("5"))
                .thenReturn(updated());
        when(client.chatPostMessage(any(ChatPostMessageRequest.class))).thenReturn(posted("C1"));
        SlackPoster.Live live = poster.live(message);
        assertFalse(live.progress("Checking…", "[]"));
        slept.clear();
        poster.post(new Conversation("C1", "1795265000.000100", null, null), "guide", "[]");
        assertEquals(List.of(Duration.ofSeconds(5)), slept);
    }

    @Test
    void aProgressUpdateIsSentOnceAndDroppedWhenRateLimited() throws Exception {
        when(client.chatUpdate(any(ChatUpdateRequest.class))).thenThrow(rateLimited("1"));
        assertFalse(poster.live(message).progress("Checking…", "[]"));
        verify(client, times(1)).chatUpdate(any(ChatUpdateRequest.class));
        assertEquals(List.of(), slept);
        verify(metrics, never()).deliveryFailed(anyString());
    }

    @Test
    void aProgressUpdateIsDroppedWhenTheChannelHasNoRoomRatherThanQueued() throws Exception {
        when(client.chatUpdate(any(ChatUpdateRequest.class))).thenReturn(updated());
        SlackPoster.Live live = poster.live(message);
        assertTrue(live.progress("1", "[]"));
        assertTrue(live.progress("2", "[]"));
        assertTrue(live.progress("3", "[]"));
        assertFalse(live.progress("4", "[]"), "a fourth update in the same second should be dropped");
        assertEquals(List.of(), slept);
        now.addAndGet(Duration.ofSeconds(1).toNanos());
        assertTrue(live.progress("5", "[]"));
    }

    @Test
    void noProgressUpdateIsSentAfterTheFindings() throws Exception {
        when(client.chatUpdate(any(ChatUpdateRequest.class))).thenReturn(updated());
        SlackPoster.Live live = poster.live(message);
        assertTrue(live.finish("findings", "[]", "the findings for web-01"));
        now.addAndGet(Duration.ofSeconds(10).toNanos());
        assertFalse(live.progress("Checking…", "[]"));
        verify(client, times(1)).chatUpdate(any(ChatUpdateRequest.class));
    }

    @Test
    void theFindingsWaitForAProgressUpdateInFlightAndAreSentLast() throws Exception {
        CountDownLatch progressSent = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<String> order = Collections.synchronizedList(new ArrayList<>());
        when(client.chatUpdate(any(ChatUpdateRequest.class))).thenAnswer(inv -> {
            ChatUpdateRequest r = inv.getArgument(0);
            order.add(r.getText());
            if (r.getText().equals("Checking…")) {
                progressSent.countDown();
                assertTrue(release.await(20, TimeUnit.SECONDS));
            }
            return updated();
        });
        SlackPoster.Live live = poster.live(message);
        Thread ticker = new Thread(() -> live.progress("Checking…", "[]"));
        ticker.start();
        assertTrue(progressSent.await(20, TimeUnit.SECONDS));
        Thread worker = new Thread(() -> live.finish("findings", "[]", "the findings for web-01"));
        worker.start();
        // a second progress update while the first is in flight is dropped, not queued
        assertFalse(live.progress("Checking… again", "[]"));
        release.countDown();
        ticker.join(20_000);
        worker.join(20_000);
        assertEquals(List.of("Checking…", "findings"), order);
    }
}
