package dev.fiveohtwo.slack;

import com.slack.api.app_backend.interactive_components.payload.BlockActionPayload;
import dev.fiveohtwo.inventory.Inventory;
import dev.fiveohtwo.inventory.Server;
import dev.fiveohtwo.inventory.UnknownTargetException;
import dev.fiveohtwo.knowledge.KnowledgeBase;
import dev.fiveohtwo.reports.ReportStore;
import dev.fiveohtwo.reports.StoredReport;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;

/**
 * The buttons on a check's messages: Fix guide, Re-check and Raw output. Re-check and Raw output carry the kept
 * report's id and act on that report (its server, its top cause, its raw output), whichever check came since.
 * Each runs off the ack path ({@link AfterAck}).
 */
@Singleton
final class CheckButtons {
    private final Inventory inventory;
    private final KnowledgeBase kb;
    private final ReportStore store;
    private final CheckJobs jobs;
    private final FixGuides guides;
    private final SlackPoster poster;
    private final SlackSettings settings;
    private final AfterAck after;

    CheckButtons(
            Inventory inventory,
            KnowledgeBase kb,
            ReportStore store,
            CheckJobs jobs,
            FixGuides guides,
            SlackPoster poster,
            SlackSettings settings,
            AfterAck after) {
        this.inventory = inventory;
        this.kb = kb;
        this.store = store;
        this.jobs = jobs;
        this.guides = guides;
        this.poster = poster;
        this.settings = settings;
        this.after = after;
    }

    /** Fix guide: the article the button names, in the message's thread. */
    void guide(BlockActionPayload p, Conversation to) {
        ActionIds.argument(actionId(p), ActionIds.GUIDE)
                .flatMap(kb::article)
                .ifPresent(a -> after.click(() -> guides.post(a, to)));
    }

    /** Re-check: the server of the report the button is on, compared with that report when it is done. */
    void recheck(BlockActionPayload p, Conversation to) {
        after.click(() -> {
            Optional<StoredReport> earlier =
                    ActionIds.argument(actionId(p), ActionIds.RECHECK).flatMap(store::find);
            if (earlier.isEmpty()) {
                poster.ephemeral(to.responseUrl(), SlackViews.reportGone(), null);
                return;
            }
            String server = earlier.get().server();
            List<Server> servers;
            try {
                servers = inventory.resolve(server);
            } catch (UnknownTargetException e) {
                poster.ephemeral(to.responseUrl(), e.getMessage(), null);
                return;
            }
            if (to.channelId() != null
                    && settings.allows(to.channelId())
                    && !jobs.submit(new CheckJobs.Job(
                            server,
                            servers,
                            to,
                            to.userId() == null ? "unknown" : to.userId(),
                            Optional.empty(),
                            earlier))) {
                poster.ephemeral(to.responseUrl(), SlackViews.BUSY, null);
            }
        });
    }

    /** Raw output: the collector's output of that check, as one file in the message's thread. */
    void raw(BlockActionPayload p, Conversation to) {
        after.click(() -> {
            Optional<StoredReport> kept =
                    ActionIds.argument(actionId(p), ActionIds.RAW).flatMap(store::find);
            if (kept.isEmpty() || kept.get().raw().isBlank()) {
                poster.ephemeral(to.responseUrl(), SlackViews.reportGone(), null);
                return;
            }
            StoredReport s = kept.get();
            if (to.channelId() == null) {
                poster.ephemeral(to.responseUrl(), SlackViews.rawOnlyInChannels(s.server()), null);
                return;
            }
            poster.upload(
                    to,
                    SlackViews.rawFilename(s),
                    SlackViews.rawTitle(s),
                    s.raw(),
                    SlackViews.rawComment(s),
                    SlackViews.rawSubject(s.server()));
        });
    }

    private static String actionId(BlockActionPayload p) {
        return p.getActions().get(0).getActionId();
    }
}
