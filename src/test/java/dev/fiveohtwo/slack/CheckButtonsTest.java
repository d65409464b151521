package dev.fiveohtwo.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.slack.api.Slack;
import com.slack.api.app_backend.interactive_components.payload.BlockActionPayload;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.SlackFilesUploadV2Exception;
import com.slack.api.methods.request.files.FilesUploadV2Request;
import com.slack.api.methods.response.files.FilesCompleteUploadExternalResponse;
import com.slack.api.methods.response.files.FilesUploadV2Response;
import com.slack.api.webhook.WebhookResponse;
import dev.fiveohtwo.inventory.Inventory;
import dev.fiveohtwo.knowledge.KnowledgeBase;
import dev.fiveohtwo.knowledge.Verdict;
import dev.fiveohtwo.reports.ReportStore;
import dev.fiveohtwo.reports.StoredReport;
import dev.fiveohtwo.system.BotMetrics;
import io.micronaut.json.JsonMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The check buttons in process, against a mocked Web API: what Slack answers (a refusal, a rate limit) decides what
 * the clicker is told. The click's work runs inline and time is moved by hand, so nothing here waits.
 */
@Timeout(30)
class CheckButtonsTest {
    static final String URL = "http://127.0.0.1:1/respond/click";
    final MethodsClient client = mock(MethodsClient.class);
    final Slack slack = mock(Slack.class);
    final ReportStore store = mock(ReportStore.class);
    final AfterAck inline = mock(AfterAck.class);
    final BotMetrics metrics = mock(BotMetrics.class);
    final AtomicLong now = new AtomicLong(1_000_000_000_000L);
    final List<Duration> slept = Collections.synchronizedList(new ArrayList<>());
    final StoredReport kept = new StoredReport(
            "k-42",
            "web-01",
            Instant.parse("2026-11-21T10:42:09Z"),
            Verdict.BAD_GATEWAY,
            Optional.of("socket-missing"),
            "502 Bad Gateway: The upstream unix socket does not exist",
            "UALICE",
            "==== services ====\nphp8.2-fpm failed\n==== nginx-config ====\nfastcgi_pass unix:/run/php/php8.2-fpm.sock\n",
            Map.of());
    CheckButtons buttons;

    @BeforeEach
    void setUp() throws Exception {
        doAnswer(i -> {
                    i.<Runnable>getArgument(0).run();
                    return null;
                })
                .when(inline)
                .click(any());
        SlackPoster poster = new SlackPoster(
                slack,
                client,
                new SlackJson(JsonMapper.createDefault()),
                metrics,
                d -> {
                    slept.add(d);
                    now.addAndGet(d.toNanos());
                },
                now::get);
        SlackViews views = new SlackViews(mock(KnowledgeBase.class));
        buttons = new CheckButtons(
                mock(Inventory.class),
                mock(KnowledgeBase.class),
                store,
                mock(CheckJobs.class),
                new FixGuides(poster, new SlackRenderer(), views),
                poster,
                SlackSettings.of("xoxb-1", "s", null, null),
                inline);
        when(store.find("k-42")).thenReturn(Optional.of(kept));
        when(slack.send(anyString(), anyString()))
                .thenReturn(WebhookResponse.builder().code(200).body("ok").build());
    }

    static BlockActionPayload click(String actionId) {
        BlockActionPayload.Action action = new BlockActionPayload.Action();
        action.setActionId(actionId);
        BlockActionPayload p = new BlockActionPayload();
        p.setActions(List.of(action));
        p.setResponseUrl(URL);
        return p;
    }

    final Conversation thread = new Conversation("C1", "1795265000.000100", "UBOB", URL);

    static FilesUploadV2Response uploaded() {
        FilesUploadV2Response r = new FilesUploadV2Response();
        r.setOk(true);
        return r;
    }

    @Test
    void rawOutputIsOneFileOfThatReportInTheMessagesThread() throws Exception {
        when(client.filesUploadV2(any(FilesUploadV2Request.class))).thenReturn(uploaded());

        buttons.raw(click("raw:k-42"), thread);

        verify(client)
                .filesUploadV2(
                        argThat((FilesUploadV2Request r) -> r.getChannel().equals("C1")
                                && r.getThreadTs().equals("1795265000.000100")
                                && r.getContent().equals(kept.raw())
                                && r.getFilename().equals("web-01-20261121-104209-raw.txt")
                                && r.getInitialComment().contains("*web-01*")));
        verify(client, never()).chatPostMessage(any(com.slack.api.methods.request.chat.ChatPostMessageRequest.class));
    }

    @Test
    void aRateLimitedUploadIsSentAgainAfterItsRetryAfter() throws Exception {
        when(client.filesUploadV2(any(FilesUploadV2Request.class)))
                .thenThrow(rateLimited("3"))
                .thenReturn(uploaded());

        buttons.raw(click("raw:k-42"), thread);

        verify(client, times(2)).filesUploadV2(any(FilesUploadV2Request.class));
        assertTrue(slept.stream().anyMatch(d -> d.equals(Duration.ofSeconds(3))), slept.toString());
        verify(slack, never()).send(anyString(), anyString());
    }

    @Test
    void anUploadSlackRefusesIsCountedAndToldToTheClickerWithSlacksReason() throws Exception {
        SlackFilesUploadV2Exception refused = new SlackFilesUploadV2Exception();
        FilesCompleteUploadExternalResponse complete = new FilesCompleteUploadExternalResponse();
        complete.setOk(false);
        complete.setError("not_in_channel");
        refused.setCompleteResponse(complete);
        when(client.filesUploadV2(any(FilesUploadV2Request.class))).thenThrow(refused);

        buttons.raw(click("raw:k-42"), thread);

        // a logical refusal does not get better by asking again
        verify(client, times(1)).filesUploadV2(any(FilesUploadV2Request.class));
        verify(metrics).deliveryFailed("files.uploadV2");
        verify(slack)
                .send(
                        eq(URL),
                        argThat((String body) ->
                                body.contains("I could not post the raw output of web-01: not_in_channel")
                                        && body.contains("\"response_type\":\"ephemeral\"")));
    }

    @Test
    void aButtonOfAReportThatIsNotKeptIsAnsweredAndUploadsNothing() throws Exception {
        when(store.find("k-gone")).thenReturn(Optional.empty());

        buttons.raw(click("raw:k-gone"), thread);
        buttons.recheck(click("recheck:k-gone"), thread);

        verify(client, never()).filesUploadV2(any(FilesUploadV2Request.class));
        verify(slack, times(2)).send(eq(URL), argThat((String body) -> body.contains("no longer kept")));
    }

    @Test
    void rawOutputOfAnEphemeralMessageIsExplainedNotUploaded() throws Exception {
        buttons.raw(click("raw:k-42"), new Conversation(null, null, "UBOB", URL));

        verify(client, never()).filesUploadV2(any(FilesUploadV2Request.class));
        verify(slack).send(eq(URL), argThat((String body) -> body.contains("shared as a file in the channel")));
        assertEquals(List.of(), slept);
    }

    static SlackApiException rateLimited(String retryAfter) {
        return SlackPosterTest.rateLimited(retryAfter);
    }
}
