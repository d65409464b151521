package dev.fiveohtwo.slack;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.fiveohtwo.knowledge.Finding;
import dev.fiveohtwo.knowledge.KnowledgeBase;
import dev.fiveohtwo.knowledge.KnowledgeLoader;
import dev.fiveohtwo.knowledge.Severity;
import dev.fiveohtwo.knowledge.Verdict;
import dev.fiveohtwo.remediation.Remediation;
import dev.fiveohtwo.reports.ReportStore;
import dev.fiveohtwo.reports.StoredReport;
import dev.fiveohtwo.system.BotMetrics;
import dev.fiveohtwo.triage.Report;
import dev.fiveohtwo.triage.Triage;
import io.micronaut.json.JsonMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The alert messages as Slack receives them: the reviewed golden JSON, within Slack's limits. */
class SlackAlertsTest {
    @RegisterExtension
    static final FakeSlack slack = FakeSlack.start();

    static final KnowledgeBase KB = KnowledgeLoader.load(List.of());

    private SlackAlerts alerts() {
        Triage triage = mock(Triage.class);
        when(triage.server("web-01")).thenReturn(Optional.empty());
        SlackSettings settings = SlackSettings.of("xoxb-test", "secret", null, slack.apiUrl());
        com.slack.api.Slack client = settings.client();
        SlackPoster poster = new SlackPoster(
                client,
                client.methods(settings.botToken()),
                new SlackJson(JsonMapper.createDefault()),
                mock(BotMetrics.class));
        // a fixed id, so the golden shows what the buttons carry
        ReportStore store = mock(ReportStore.class);
        when(store.save(any(), any())).thenAnswer(i -> {
            Report r = i.getArgument(0);
            return new StoredReport(
                    "r0golden",
                    r.server(),
                    r.checkedAt(),
                    r.verdict(),
                    r.top().map(Finding::id),
                    r.headline(),
                    i.getArgument(1),
                    "",
                    Map.of());
        });
        return new SlackAlerts(
                poster,
                new SlackRenderer(),
                new SlackViews(KB),
                new RestartOffers(triage, mock(Remediation.class)),
                new KeptChecks(store));
    }

    private static Report report() {
        Finding down = new Finding(
                "upstream-down",
                "The upstream service is down",
                Severity.CRITICAL,
                0.95,
                List.of("a backend service (php-fpm or the application) is not running"),
                List.of("php8.2-fpm: inactive"),
                true,
                List.of(),
                List.of());
        return new Report(
                "web-01",
                "fiveohtwo@10.0.0.11",
                true,
                Verdict.BAD_GATEWAY,
                412,
                Instant.parse("2026-12-01T12:00:09Z"),
                List.of(down),
                List.of(),
                Optional.empty(),
                List.of());
    }

    @Test
    void aResolvedAlertShowsItsNameSummaryStartEndAndLinkAboveTheFindings() throws Exception {
        SlackAlerts a = alerts();
        SlackAlerts.Heading h = new SlackAlerts.Heading(
                "FrontAnswers502",
                "https://shop.example.com/ answers 502 Bad Gateway",
                Instant.parse("2026-12-01T12:00:03Z"),
                "http://prometheus:9090/graph?g0.expr=probe_http_status_code+%3D%3D+502&g0.tab=1",
                SlackAlerts.State.RESOLVED,
                Instant.parse("2026-12-01T12:07:30Z"),
                Instant.parse("2026-12-01T12:07:03Z"));
        SlackAlerts.Message m = a.checking("CGOLDEN1", h.with(SlackAlerts.State.CHECKING, null, null), "web-01")
                .orElseThrow();
        a.findings(m, h, "web-01", List.of(report()), true);
        FakeSlack.Call update = slack.await(
                c -> c.method().equals("chat.update") && c.param("channel").equals("CGOLDEN1"), Duration.ofSeconds(30));
        SlackViewsTest.assertGolden("alert-resolved.json", update.param("blocks"));
    }

    @Test
    void anUnmatchedAlertNamesItsLabelsAndHowToMapThem() throws Exception {
        alerts().unmatched(
                        "CGOLDEN2",
                        "FrontAnswers502",
                        new java.util.TreeMap<>(Map.of(
                                "alertname",
                                "FrontAnswers502",
                                "instance",
                                "https://elsewhere.example.com/",
                                "job",
                                "blackbox`x")));
        FakeSlack.Call post = slack.await(
                c -> c.method().equals("chat.postMessage") && c.param("channel").equals("CGOLDEN2"),
                Duration.ofSeconds(30));
        SlackViewsTest.assertGolden("alert-unmatched.json", post.param("blocks"));
    }
}
