package dev.fiveohtwo.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.spy;
import static org.mockito.Mockito.when;

import com.slack.api.Slack;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.request.chat.ChatPostMessageRequest;
import com.slack.api.methods.request.chat.ChatUpdateRequest;
import com.slack.api.methods.response.chat.ChatPostMessageResponse;
import com.slack.api.methods.response.chat.ChatUpdateResponse;
import dev.fiveohtwo.audit.Audit;
import dev.fiveohtwo.inventory.Server;
import dev.fiveohtwo.knowledge.Finding;
import dev.fiveohtwo.knowledge.KnowledgeBase;
import dev.fiveohtwo.knowledge.KnowledgeLoader;
import dev.fiveohtwo.knowledge.Severity;
import dev.fiveohtwo.knowledge.Verdict;
import dev.fiveohtwo.remediation.Remediation;
import dev.fiveohtwo.reports.Change;
import dev.fiveohtwo.reports.StoredReport;
import dev.fiveohtwo.system.BotMetrics;
import dev.fiveohtwo.triage.Report;
import dev.fiveohtwo.triage.Triage;
import io.micronaut.json.JsonMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The check runner in process: a mocked triage says what each check finds, a mocked Web API records what the bot
 * sends. {@link CheckJobs#close()} waits for the queued check, so every assertion runs after it ended.
 */
@Timeout(60)
class CheckJobsTest {
    static KnowledgeBase kb;
    final Triage triage = mock(Triage.class);
    final MethodsClient client = mock(MethodsClient.class);
    final MemoryReportStore store = new MemoryReportStore();
    final KeptChecks kept = spy(new KeptChecks(store));
    final List<ChatPostMessageRequest> posts = Collections.synchronizedList(new ArrayList<>());
    final List<ChatUpdateRequest> updates = Collections.synchronizedList(new ArrayList<>());
    final AtomicInteger rateLimitedUpdates = new AtomicInteger();
    final Server web01 = mock(Server.class);
    CheckJobs jobs;

    @BeforeAll
    static void load() {
        kb = KnowledgeLoader.load(List.of());
    }

    @BeforeEach
    void setUp() throws Exception {
        AtomicInteger ts = new AtomicInteger(200);
        when(client.chatPostMessage(any(ChatPostMessageRequest.class))).thenAnswer(i -> {
            ChatPostMessageRequest r = i.getArgument(0);
            posts.add(r);
            ChatPostMessageResponse ok = new ChatPostMessageResponse();
            ok.setOk(true);
            ok.setChannel(r.getChannel());
            ok.setTs("1795265000.000" + ts.incrementAndGet());
            return ok;
        });
        when(client.chatUpdate(any(ChatUpdateRequest.class))).thenAnswer(i -> {
            if (rateLimitedUpdates.getAndDecrement() > 0) {
                throw SlackPosterTest.rateLimited("2");
            }
            updates.add(i.getArgument(0));
            ChatUpdateResponse ok = new ChatUpdateResponse();
            ok.setOk(true);
            return ok;
        });
        when(web01.name()).thenReturn("web-01");
        AtomicLong now = new AtomicLong(1_000_000_000_000L);
        SlackPoster poster = new SlackPoster(
                mock(Slack.class),
                client,
                new SlackJson(JsonMapper.createDefault()),
                mock(BotMetrics.class),
                d -> now.addAndGet(d.toNanos()),
                now::get);
        SlackRenderer renderer = new SlackRenderer();
        SlackViews views = new SlackViews(kb);
        jobs = new CheckJobs(
                triage,
                kb,
                poster,
                renderer,
                views,
                new FixGuides(poster, renderer, views),
                new RestartOffers(triage, mock(Remediation.class)),
                mock(Audit.class),
                mock(BotMetrics.class),
                kept,
                // no progress update can slip in, however slow the machine: each test sees the findings as the one
                // update
                new SlackSettings("xoxb-1", "s", null, null, List.of(), 1, java.time.Duration.ofHours(1)));
    }

    static Report report(Verdict verdict, String cause, String at) {
        List<Finding> findings = cause == null
                ? List.of()
                : List.of(new Finding(
                        cause,
                        kb.article(cause).orElseThrow().title(),
                        Severity.CRITICAL,
                        0.9,
                        List.of("because"),
                        List.of("evidence line"),
                        true,
                        List.of(),
                        List.of()));
        return new Report(
                "web-01",
                "local",
                true,
                verdict,
                300,
                Instant.parse(at),
                findings,
                List.of(),
                Optional.empty(),
                List.of());
    }

    final Conversation thread = new Conversation("C1", "1795265000.000100", "UBOB", null);

    /** Runs one check that finds {@code now}, as a Re-check of {@code earlier} when there is one, and waits for it. */
    private void recheck(Report now, Optional<StoredReport> earlier) {
        when(triage.checkAll(any(), any())).thenReturn(List.of(now));
        assertTrue(jobs.submit(new CheckJobs.Job("web-01", List.of(web01), thread, "UBOB", Optional.empty(), earlier)));
        jobs.close();
    }

    private List<ChatPostMessageRequest> guides() {
        return posts.stream().filter(p -> p.getBlocksAsString().contains("📘")).toList();
    }

    private ChatUpdateRequest findings() {
        assertEquals(
                1,
                updates.size(),
                () -> updates.stream().map(ChatUpdateRequest::getText).toList().toString());
        return updates.get(0);
    }

    @Test
    void findingsGoOutWithoutTheirKeptCheckButtonsWhenTheDatabaseCannotKeepThem() {
        doReturn(Optional.empty()).when(kept).keep(any(), any()); // what KeptChecks answers when the store throws

        recheck(report(Verdict.BAD_GATEWAY, "socket-missing", "2026-11-21T10:44:00Z"), Optional.empty());

        assertTrue(
                findings().getText().startsWith("🔴 web-01: bad-gateway"),
                findings().getText());
        assertFalse(
                findings().getBlocksAsString().contains("recheck:"), findings().getBlocksAsString());
        assertEquals(1, guides().size(), "the fix guide still opens in the thread");
    }

    @Test
    void aReCheckThatFindsTheSameTopCauseDoesNotPostItsGuideAgain() {
        StoredReport earlier =
                store.save(report(Verdict.BAD_GATEWAY, "socket-missing", "2026-11-21T10:42:09Z"), "UALICE");

        recheck(report(Verdict.BAD_GATEWAY, "socket-missing", "2026-11-21T10:44:00Z"), Optional.of(earlier));

        assertTrue(
                findings().getText().startsWith("🔴 web-01: bad-gateway"),
                findings().getText());
        assertEquals(List.of(), guides());
    }

    @Test
    void aReCheckThatFindsAnotherTopCausePostsThatGuideInTheThread() {
        StoredReport earlier =
                store.save(report(Verdict.BAD_GATEWAY, "upstream-down", "2026-11-21T10:42:09Z"), "UALICE");

        recheck(report(Verdict.BAD_GATEWAY, "socket-missing", "2026-11-21T10:44:00Z"), Optional.of(earlier));

        List<ChatPostMessageRequest> guides = guides();
        assertEquals(1, guides.size());
        assertTrue(guides.get(0)
                .getBlocksAsString()
                .contains(kb.article("socket-missing").orElseThrow().title()));
        assertEquals("1795265000.000100", guides.get(0).getThreadTs());
    }

    @Test
    void aHealthyReCheckOfABrokenServerReadsAsItsRecovery() {
        StoredReport earlier =
                store.save(report(Verdict.BAD_GATEWAY, "socket-missing", "2026-11-21T10:42:09Z"), "UALICE");

        recheck(report(Verdict.HEALTHY, null, "2026-11-21T10:47:30Z"), Optional.of(earlier));

        ChatUpdateRequest done = findings();
        assertEquals("🟢 web-01: healthy again", done.getText());
        assertTrue(
                done.getBlocksAsString()
                        .contains("healthy · earlier: "
                                + kb.article("socket-missing").orElseThrow().title() + ", resolved at 10:47"),
                done.getBlocksAsString());
        assertEquals(List.of(), guides());
    }

    @Test
    void aFirstCheckOfABrokenServerShowsWhatChangedAndItsGuide() {
        doReturn(List.of(new Change("php8.2-fpm restarts", "0", "3")))
                .when(kept)
                .changes(any(), any());

        recheck(report(Verdict.BAD_GATEWAY, "socket-missing", "2026-11-21T10:44:00Z"), Optional.empty());

        assertTrue(
                findings()
                        .getBlocksAsString()
                        .contains("Changed since the last healthy check*\\n• php8.2-fpm restarts: 0 → 3"),
                findings().getBlocksAsString());
        assertEquals(1, guides().size());
    }

    @Test
    void theButtonsOfTheFindingsCarryTheKeptReportOfThisCheck() {
        recheck(report(Verdict.BAD_GATEWAY, "socket-missing", "2026-11-21T10:44:00Z"), Optional.empty());

        StoredReport kept = store.history("web-01", 1).get(0);
        assertEquals("UBOB", kept.requestedBy());
        assertTrue(
                findings().getBlocksAsString().contains("\"action_id\":\"recheck:" + kept.id() + "\""),
                findings().getBlocksAsString());
        assertTrue(
                findings().getBlocksAsString().contains("\"action_id\":\"raw:" + kept.id() + "\""),
                findings().getBlocksAsString());
    }

    @Test
    void theFindingsArriveThoughSlackRateLimitsTheFirstUpdate() {
        rateLimitedUpdates.set(1);

        recheck(report(Verdict.BAD_GATEWAY, "socket-missing", "2026-11-21T10:44:00Z"), Optional.empty());

        assertTrue(findings().getText().contains("web-01: bad-gateway"));
    }

    @Test
    void aCheckAskedByAnAlertPostsToItsChannelWithItsHeaderAndKeepsWhoAsked() {
        when(triage.checkAll(any(), any()))
                .thenReturn(List.of(report(Verdict.BAD_GATEWAY, "socket-missing", "2026-11-21T10:44:00Z")));

        assertTrue(jobs.check(
                List.of(web01), Destination.channel("CALERTS"), "alert:FrontDown", Optional.of("FrontDown is firing")));
        jobs.close();

        ChatPostMessageRequest checking = posts.get(0);
        assertEquals("CALERTS", checking.getChannel());
        assertEquals(null, checking.getThreadTs());
        assertTrue(
                checking.getBlocksAsString().contains("FrontDown is firing")
                        && !checking.getBlocksAsString().contains("<@"),
                checking.getBlocksAsString());
        assertTrue(
                findings().getBlocksAsString().contains("FrontDown is firing"),
                findings().getBlocksAsString());
        assertEquals("alert:FrontDown", store.history("web-01", 1).get(0).requestedBy());
    }
}
