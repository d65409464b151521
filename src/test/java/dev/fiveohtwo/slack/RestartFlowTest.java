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
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.slack.api.Slack;
import com.slack.api.app_backend.interactive_components.payload.BlockActionPayload;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.request.chat.ChatPostMessageRequest;
import com.slack.api.methods.request.chat.ChatUpdateRequest;
import com.slack.api.methods.response.chat.ChatUpdateResponse;
import com.slack.api.webhook.WebhookResponse;
import dev.fiveohtwo.knowledge.KnowledgeBase;
import dev.fiveohtwo.remediation.Outcome;
import dev.fiveohtwo.remediation.Remediation;
import dev.fiveohtwo.remediation.RemediationSettings;
import dev.fiveohtwo.remediation.RestartRequest;
import dev.fiveohtwo.reports.ReportStore;
import dev.fiveohtwo.system.BotMetrics;
import io.micronaut.json.JsonMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The restart flow in process: what Remediation decided, said to the right people, through a mocked Web API. */
@Timeout(30)
class RestartFlowTest {
    static final String URL = "http://127.0.0.1:1/respond/restart";
    final MethodsClient client = mock(MethodsClient.class);
    final Slack slack = mock(Slack.class);
    final Remediation remediation = mock(Remediation.class);
    final List<ChatUpdateRequest> updates = Collections.synchronizedList(new ArrayList<>());
    final AtomicInteger rateLimited = new AtomicInteger();
    final Conversation thread = new Conversation("CINCIDENT", "1795265000.000100", "UBOB", URL);
    final RestartRequest waiting = new RestartRequest(
            "r-0123456789abcdef",
            "web-01",
            "php8.2-fpm",
            "upstream-down",
            "sudo -n systemctl restart php8.2-fpm",
            "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
            "CINCIDENT",
            "1795265000.000100",
            "1795265000.000150",
            "UALICE",
            null,
            "requested",
            Instant.parse("2026-11-21T10:42:09Z"),
            Instant.parse("2026-11-21T10:42:09Z"),
            Instant.parse("2026-11-21T10:57:09Z"),
            null,
            null,
            null);
    RestartFlow flow;

    @BeforeEach
    void setUp() throws Exception {
        when(client.chatUpdate(any(ChatUpdateRequest.class))).thenAnswer(i -> {
            if (rateLimited.getAndDecrement() > 0) {
                throw SlackPosterTest.rateLimited("1");
            }
            updates.add(i.getArgument(0));
            ChatUpdateResponse ok = new ChatUpdateResponse();
            ok.setOk(true);
            return ok;
        });
        when(slack.send(anyString(), anyString()))
                .thenReturn(WebhookResponse.builder().code(200).body("ok").build());
        when(remediation.settings())
                .thenReturn(new RemediationSettings(
                        List.of("UBOB", "S0APPROVERS", "UALICE"),
                        true,
                        Duration.ofMinutes(15),
                        3,
                        Duration.ofMinutes(10),
                        List.of(),
                        false,
                        Duration.ofSeconds(30)));
        AtomicLong now = new AtomicLong(1_000_000_000_000L);
        SlackPoster poster = new SlackPoster(
                slack,
                client,
                new SlackJson(JsonMapper.createDefault()),
                mock(BotMetrics.class),
                d -> now.addAndGet(d.toNanos()),
                now::get);
        flow = new RestartFlow(
                remediation,
                poster,
                new SlackRenderer(),
                new SlackViews(mock(KnowledgeBase.class)),
                mock(BotMetrics.class),
                mock(ReportStore.class));
    }

    static BlockActionPayload click(String actionId) {
        BlockActionPayload.Action action = new BlockActionPayload.Action();
        action.setActionId(actionId);
        BlockActionPayload p = new BlockActionPayload();
        p.setActions(List.of(action));
        p.setResponseUrl(URL);
        return p;
    }

    @Test
    void aDenialReplacesTheApprovalMessageWithWhoDeniedItAndNoButtons() throws Exception {
        when(remediation.deny(eq(waiting.id()), eq("UBOB"), any())).thenReturn(new Outcome.Denied(waiting));

        flow.deny(click("deny:" + waiting.id()), thread);

        assertEquals(1, updates.size());
        ChatUpdateRequest closed = updates.get(0);
        assertEquals("1795265000.000150", closed.getTs());
        assertTrue(closed.getBlocksAsString().contains("denied by <@UBOB>"), closed.getBlocksAsString());
        assertFalse(closed.getBlocksAsString().contains("approve:"), closed.getBlocksAsString());
    }

    @Test
    void theApprovalMessageIsClosedThoughSlackRateLimitsTheFirstTry() throws Exception {
        rateLimited.set(1);
        when(remediation.deny(eq(waiting.id()), eq("UBOB"), any())).thenReturn(new Outcome.Denied(waiting));

        flow.deny(click("deny:" + waiting.id()), thread);

        assertEquals(1, updates.size());
        assertTrue(updates.get(0).getBlocksAsString().contains("denied by <@UBOB>"));
    }

    @Test
    void aRefusedApprovalIsToldOnlyToTheClickerAndRunsNothing() throws Exception {
        when(remediation.approve(eq(waiting.id()), eq("UBOB"), any()))
                .thenReturn(new Outcome.Refused("someone else must approve it"));

        flow.approve(click("approve:" + waiting.id()), thread);

        verify(slack)
                .send(
                        eq(URL),
                        argThat((String body) -> body.contains("Nothing will run: someone else must approve it")
                                && body.contains("\"response_type\":\"ephemeral\"")));
        verify(remediation, never()).execute(any());
        verify(client, never()).chatPostMessage(any(ChatPostMessageRequest.class));
        assertEquals(List.of(), updates);
    }

    @Test
    void aLateApprovalNamesWhoApprovedFirstAsAMention() throws Exception {
        when(remediation.approve(eq(waiting.id()), eq("UBOB"), any()))
                .thenReturn(new Outcome.Refused(
                        "already approved", Outcome.Refused.Kind.ALREADY_DECIDED, Optional.of("UALICE")));

        flow.approve(click("approve:" + waiting.id()), thread);

        verify(slack)
                .send(
                        eq(URL),
                        argThat((String body) -> body.contains("Nothing will run: already approved by <@UALICE>")));
        verify(remediation, never()).execute(any());
    }

    @Test
    void aClickBySomeoneNotAnApproverNamesTheApproversAsMentions() throws Exception {
        when(remediation.request(eq(waiting.id()), eq("UBOB"), any()))
                .thenReturn(new Outcome.Refused(
                        "only approvers may restart", Outcome.Refused.Kind.NOT_AN_APPROVER, Optional.empty()));

        flow.request(click("restart:" + waiting.id()), thread);

        verify(slack)
                .send(
                        eq(URL),
                        argThat(
                                (String body) -> body.contains(
                                        "Nothing will run: only approvers may restart (<@UALICE>, <@UBOB>, <!subteam^S0APPROVERS>)")));
    }
}
