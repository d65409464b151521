package dev.fiveohtwo.slack;

import com.slack.api.app_backend.slash_commands.payload.SlashCommandPayload;
import com.slack.api.bolt.response.Response;
import dev.fiveohtwo.audit.Audit;
import dev.fiveohtwo.audit.AuditEntry;
import dev.fiveohtwo.inventory.Inventory;
import dev.fiveohtwo.inventory.Server;
import dev.fiveohtwo.inventory.UnknownTargetException;
import dev.fiveohtwo.knowledge.Article;
import dev.fiveohtwo.knowledge.KnowledgeBase;
import dev.fiveohtwo.reports.ReportStore;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * {@code /502 ...}: answers lists and help at once, queues checks and fix guides after the ack, and audits every
 * command off the ack path. Free text is only ever looked up in the inventory, the knowledge base or the kept reports.
 */
@Singleton
final class SlashCommands {
    private static final int HISTORY = 10;
    private final Inventory inventory;
    private final KnowledgeBase kb;
    private final CheckJobs jobs;
    private final FixGuides guides;
    private final ReportStore store;
    private final Audit audit;
    private final SlackRenderer renderer;
    private final SlackViews views;
    private final SlackJson json;
    private final SlackSettings settings;
    private final AfterAck after;

    SlashCommands(
            Inventory inventory,
            KnowledgeBase kb,
            CheckJobs jobs,
            FixGuides guides,
            ReportStore store,
            Audit audit,
            SlackRenderer renderer,
            SlackViews views,
            SlackJson json,
            SlackSettings settings,
            AfterAck after) {
        this.inventory = inventory;
        this.kb = kb;
        this.jobs = jobs;
        this.guides = guides;
        this.store = store;
        this.audit = audit;
        this.renderer = renderer;
        this.views = views;
        this.json = json;
        this.settings = settings;
        this.after = after;
    }

    /** What a command gets back at once, and the outcome its audit entry records. */
    private record Answer(Response response, String outcome) {
        static Answer ok(Response response) {
            return new Answer(response, "ok");
        }
    }

    /** The ack of one command ({@code to} carries the checked user id and the response_url). */
    Response handle(SlashCommandPayload p, Conversation to) {
        String text = "/502 " + SlackViews.plain(p.getText() == null ? "" : p.getText(), 300);
        Answer answer = answer(SlackCommand.parse(p.getText()), to);
        // a database write has no place on the ack path; its own queue, so a busy bot still audits every command
        after.write(() -> audit.record(
                to.userId() == null ? "unknown" : to.userId(),
                to.channelId(),
                "command",
                null,
                text,
                answer.outcome()));
        return answer.response();
    }

    private Answer answer(SlackCommand c, Conversation to) {
        if (c instanceof SlackCommand.Check check) {
            return check(check.target(), to);
        }
        if (c instanceof SlackCommand.Servers s) {
            return Answer.ok(ephemeral(
                    SlackViews.SERVERS_FALLBACK, renderer.render("list", views.servers(inventory, s.group()))));
        }
        if (c instanceof SlackCommand.Guides g) {
            return Answer.ok(ephemeral(SlackViews.GUIDES_FALLBACK, renderer.render("list", views.guides(g.words()))));
        }
        if (c instanceof SlackCommand.Guide g) {
            Optional<Article> a = kb.article(g.id());
            if (a.isEmpty()) {
                return Answer.ok(ephemeral(SlackViews.noGuide(g.id()), null));
            }
            after.click(() -> guides.post(a.get(), new Conversation(null, null, to.userId(), to.responseUrl())));
            return Answer.ok(Response.ok());
        }
        if (c instanceof SlackCommand.History h) {
            return Answer.ok(history(h.server()));
        }
        if (c instanceof SlackCommand.Unknown u) {
            return Answer.ok(ephemeral(SlackViews.unknownCommand(u.word()), null));
        }
        return Answer.ok(ephemeral(SlackViews.HELP, null));
    }

    private Answer check(String target, Conversation to) {
        List<Server> servers;
        try {
            servers = inventory.resolve(target);
        } catch (UnknownTargetException e) {
            return new Answer(ephemeral(SlackViews.unknownTarget(e.getMessage()), null), "unknown-target");
        }
        if (!settings.allows(to.channelId())) {
            return new Answer(ephemeral(SlackViews.channelNotEnabled(), null), "refused-channel");
        }
        if (!jobs.submit(new CheckJobs.Job(
                target,
                servers,
                to,
                to.userId() == null ? "unknown" : to.userId(),
                Optional.empty(),
                Optional.empty()))) {
            return new Answer(ephemeral(SlackViews.BUSY, null), "refused-busy");
        }
        return Answer.ok(Response.ok());
    }

    /** A server's kept checks; without a server, the audit trail's last events. */
    private Response history(String server) {
        if (!server.isBlank() && inventory.servers().containsKey(server)) {
            return ephemeral(
                    SlackViews.historyFallback(server),
                    renderer.render("list", views.history(server, store.history(server, HISTORY))));
        }
        List<AuditEntry> entries = audit.list(
                server.isBlank() ? Optional.empty() : Optional.of(server),
                Instant.now().minus(Duration.ofDays(30)),
                HISTORY);
        return ephemeral(SlackViews.events(server, entries), null);
    }

    private Response ephemeral(String text, String blocks) {
        return Response.builder()
                .statusCode(200)
                .contentType(Response.CONTENT_TYPE_APPLICATION_JSON_UTF8)
                .body(json.ephemeral(text, blocks))
                .build();
    }
}
