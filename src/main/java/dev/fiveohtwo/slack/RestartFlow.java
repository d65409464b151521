package dev.fiveohtwo.slack;

import com.slack.api.app_backend.interactive_components.payload.BlockActionPayload;
import dev.fiveohtwo.remediation.Execution;
import dev.fiveohtwo.remediation.Outcome;
import dev.fiveohtwo.remediation.Remediation;
import dev.fiveohtwo.remediation.RestartRequest;
import dev.fiveohtwo.reports.ReportStore;
import dev.fiveohtwo.reports.StoredReport;
import dev.fiveohtwo.system.BotMetrics;
import dev.fiveohtwo.system.Printable;
import dev.fiveohtwo.triage.Report;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The restart buttons, the whole flow in one place: request (Restart), approve, deny, run, and closing the approval
 * message. {@link Remediation} decides; this only says what it decided. Every click runs off the ack path.
 */
@Singleton
final class RestartFlow {
    private static final Logger LOG = LoggerFactory.getLogger(RestartFlow.class);
    private final Remediation remediation;
    private final SlackPoster poster;
    private final SlackRenderer renderer;
    private final SlackViews views;
    private final BotMetrics metrics;
    private final ReportStore store;

    RestartFlow(
            Remediation remediation,
            SlackPoster poster,
            SlackRenderer renderer,
            SlackViews views,
            BotMetrics metrics,
            ReportStore store) {
        this.remediation = remediation;
        this.poster = poster;
        this.renderer = renderer;
        this.views = views;
        this.metrics = metrics;
        this.store = store;
    }

    /** Restart clicked on a finding: ask for approval, or run at once when no second person is needed. */
    void request(BlockActionPayload p, Conversation to) {
        String id = ActionIds.argument(p.getActions().get(0).getActionId(), ActionIds.RESTART)
                .orElse("");
        Outcome o = remediation.request(id, to.userId(), channelOf(p));
        if (o instanceof Outcome.NeedsApproval n) {
            RestartRequest r = n.request();
            poster.post(
                            to,
                            SlackViews.needsApprovalFallback(r),
                            renderer.render(
                                    "approval",
                                    views.approval(
                                            r,
                                            SlackViews.restartRequested(r, to.userId()),
                                            SlackViews.approverMentions(
                                                    remediation.settings().approvers()),
                                            true)))
                    .filter(SlackPoster.Posted::updatable)
                    .ifPresent(m -> remediation.approvalMessage(r.id(), m.ts()));
        } else if (o instanceof Outcome.Approved a) {
            running(a.request(), to);
        } else if (o instanceof Outcome.Refused refused) {
            nothingWillRun(p, refused);
        }
    }

    /** Tells the clicker alone why nothing will run. */
    private void nothingWillRun(BlockActionPayload p, Outcome.Refused refused) {
        poster.ephemeral(
                p.getResponseUrl(),
                SlackViews.nothingWillRun(refused, remediation.settings().approvers()),
                null);
    }

    void approve(BlockActionPayload p, Conversation to) {
        String id = ActionIds.argument(p.getActions().get(0).getActionId(), ActionIds.APPROVE)
                .orElse("");
        Outcome o = remediation.approve(id, to.userId(), channelOf(p));
        if (o instanceof Outcome.Approved a) {
            running(a.request(), to);
        } else if (o instanceof Outcome.Refused refused) {
            nothingWillRun(p, refused);
        }
    }

    void deny(BlockActionPayload p, Conversation to) {
        String id = ActionIds.argument(p.getActions().get(0).getActionId(), ActionIds.DENY)
                .orElse("");
        Outcome o = remediation.deny(id, to.userId(), channelOf(p));
        if (o instanceof Outcome.Denied d) {
            close(d.request(), "denied", SlackViews.restartDenied(d.request(), to.userId()));
        } else if (o instanceof Outcome.Refused refused) {
            poster.ephemeral(
                    p.getResponseUrl(),
                    SlackViews.refusal(refused, remediation.settings().approvers()),
                    null);
        }
    }

    /** Approved: say it runs, then run it (this thread is already off the ack path). */
    private void running(RestartRequest r, Conversation to) {
        String line = SlackViews.plain(SlackViews.restartRunning(r), 2900);
        if (!close(r, "running", line)) {
            poster.post(
                    to,
                    SlackViews.restartRunningFallback(),
                    renderer.render("approval", new Views.Approval(line, List.of())));
        }
        run(r, to);
    }

    /** Runs the restart, reports in the thread, closes the request's messages and shows the re-check on the findings. */
    private void run(RestartRequest approved, Conversation thread) {
        Execution ex = remediation.execute(approved);
        RestartRequest r = ex.request();
        metrics.restarted(r.state());
        LOG.info(
                "restart of {} on {} approved by {}: {}",
                r.service(),
                r.server(),
                Printable.line(String.valueOf(r.approver())),
                r.state());
        String line = SlackViews.restartOutcome(ex);
        poster.post(
                thread,
                SlackViews.restartFallback(r),
                renderer.render("approval", new Views.Approval(line, List.of())));
        close(r, r.state(), line);
        Report latest = ex.after().orElse(ex.before());
        StoredReport kept = store.save(latest, r.approver() == null ? "unknown" : r.approver());
        if (r.messageTs() != null) {
            poster.update(
                    new SlackPoster.Posted(r.channelId(), r.messageTs(), null),
                    SlackViews.reportFallback(latest),
                    renderer.render(
                            "report",
                            views.report(
                                    latest,
                                    kept.id(),
                                    null,
                                    Map.of(),
                                    SlackViews.restartStatus(r, latest),
                                    List.of())));
        }
    }

    /**
     * Replaces the approval message of {@code r} (when there is one) with {@code line}, buttons gone.
     *
     * @return whether there was a message to replace
     */
    private boolean close(RestartRequest r, String fallback, String line) {
        if (r.approvalTs() == null) {
            return false;
        }
        poster.update(
                new SlackPoster.Posted(r.channelId(), r.approvalTs(), null),
                fallback,
                renderer.render("approval", views.approval(r, line, "", false)));
        return true;
    }

    /** Restart requests cut off by a crash: said in their thread at start-up. */
    void recover() {
        for (RestartRequest r : remediation.recover()) {
            if (r.channelId() != null) {
                poster.post(
                        new Conversation(r.channelId(), r.messageTs(), null, null),
                        SlackViews.restartUnknownFallback(),
                        renderer.render("approval", new Views.Approval(SlackViews.restartUnknown(r), List.of())));
            }
        }
    }

    private static String channelOf(BlockActionPayload p) {
        return p.getChannel() == null ? null : p.getChannel().getId();
    }
}
