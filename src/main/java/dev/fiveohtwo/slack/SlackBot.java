package dev.fiveohtwo.slack;

import com.slack.api.Slack;
import com.slack.api.app_backend.interactive_components.payload.BlockActionPayload;
import com.slack.api.app_backend.slash_commands.payload.SlashCommandPayload;
import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.response.Response;
import dev.fiveohtwo.audit.Audit;
import dev.fiveohtwo.audit.AuditEntry;
import dev.fiveohtwo.inventory.Inventory;
import dev.fiveohtwo.remediation.Outcome;
import dev.fiveohtwo.remediation.Remediation;
import dev.fiveohtwo.remediation.RestartRequest;
import dev.fiveohtwo.system.BotMetrics;
import dev.fiveohtwo.inventory.Server;
import dev.fiveohtwo.inventory.UnknownTargetException;
import dev.fiveohtwo.knowledge.Article;
import dev.fiveohtwo.knowledge.KnowledgeBase;
import dev.fiveohtwo.system.Printable;
import dev.fiveohtwo.triage.Triage;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The Bolt app: {@code /502} and the buttons. Handlers parse, ack within Slack's 3 seconds and hand the work
 * to {@link CheckJobs}; free text is only ever looked up in the inventory or the knowledge base.
 */
public final class SlackBot {
    private static final Logger LOG = LoggerFactory.getLogger(SlackBot.class);
    private static final Pattern USER_ID = Pattern.compile("[UW][A-Z0-9]{2,20}");
    private static final String BUSY = "Too many checks are running right now; try again in a minute.";
    private final App app;
    private final Inventory inventory;
    private final KnowledgeBase kb;
    private final CheckJobs jobs;
    private final SlackPoster poster;
    private final SlackRenderer renderer = new SlackRenderer();
    private final SlackViews views;
    private final Set<String> channels;
    private final Remediation remediation;
    private final Audit audit;
    private final Deliveries deliveries;
    private final AfterAck after = new AfterAck(4);

    /**
     * @param channels channel ids where {@code /502 check} may run; empty: everywhere
     */
    SlackBot(SlackSettings settings, Inventory inventory, KnowledgeBase kb, Triage triage, Remediation remediation, Audit audit,
             Deliveries deliveries, BotMetrics metrics, Set<String> channels, int threads) {
        Slack slack = settings.client();
        this.app = new App(AppConfig.builder().slack(slack).singleTeamBotToken(settings.botToken())
            // Socket Mode has no signing secret: a random one keeps the HTTP endpoint from accepting anything
            .signingSecret(settings.signingSecret() == null || settings.signingSecret().isBlank() ? unguessable() : settings.signingSecret())
            // auth.test once per ten minutes, not on the path of every ack
            .authTestCacheEnabled(true).authTestCacheExpirationMillis(600_000).build());
        this.inventory = inventory;
        this.kb = kb;
        this.channels = Set.copyOf(channels);
        this.poster = new SlackPoster(slack, settings.botToken(), metrics);
        this.views = new SlackViews(kb);
        this.remediation = remediation;
        this.audit = audit;
        this.deliveries = deliveries;
        this.jobs = new CheckJobs(triage, kb, poster, renderer, remediation, audit, metrics, threads);
        app.command("/502", (req, ctx) -> command(req, req.getPayload()));
        button(ActionIds.GUIDE_PATTERN, this::guideClicked);
        button(ActionIds.RECHECK_PATTERN, this::recheckClicked);
        button(ActionIds.RAW_PATTERN, (p, to) -> ActionIds.argument(p.getActions().get(0).getActionId(), ActionIds.RAW)
            .ifPresent(server -> after.click(() -> jobs.raw(server, to))));
        // restarts touch the database and Slack: off the ack path
        button(ActionIds.RESTART_PATTERN, (p, to) -> after.click(() -> restartClicked(p, to)));
        button(ActionIds.APPROVE_PATTERN, (p, to) -> after.click(() -> approveClicked(p, to)));
        button(ActionIds.DENY_PATTERN, (p, to) -> after.click(() -> denyClicked(p, to)));
    }

    /** A button handler: acks at once; {@code work} gets the click unless it is a retry or a repeat. */
    private void button(java.util.regex.Pattern actionIds, ActionWork work) {
        app.blockAction(actionIds, (req, ctx) -> {
            onAction(req, req.getPayload(), work);
            return ctx.ack();
        });
    }

    private void restartClicked(BlockActionPayload p, Conversation to) {
        String id = ActionIds.argument(p.getActions().get(0).getActionId(), ActionIds.RESTART).orElse("");
        Outcome o = remediation.request(id, to.userId(), channelOf(p));
        if (o instanceof Outcome.NeedsApproval n) {
            RestartRequest r = n.request();
            String headline = "⏳ Restart *" + SlackText.escape(r.service()) + "* on *" + SlackText.escape(r.server()) + "* requested by <@" + to.userId() + ">";
            poster.post(to, "restart of " + r.service() + " on " + r.server() + " needs approval",
                renderer.render("approval", views.approval(r, headline, remediation.approvers().mentions(), true)))
                .filter(SlackPoster.Posted::updatable).ifPresent(m -> remediation.approvalMessage(r.id(), m.ts()));
        } else if (o instanceof Outcome.Approved a) {
            running(a.request(), to);
        } else if (o instanceof Outcome.Refused refused) {
            poster.ephemeral(p.getResponseUrl(), "Nothing will run: " + refused.reason(), null);
        }
    }

    private void approveClicked(BlockActionPayload p, Conversation to) {
        String id = ActionIds.argument(p.getActions().get(0).getActionId(), ActionIds.APPROVE).orElse("");
        Outcome o = remediation.approve(id, to.userId(), channelOf(p));
        if (o instanceof Outcome.Approved a) {
            running(a.request(), to);
        } else if (o instanceof Outcome.Refused refused) {
            poster.ephemeral(p.getResponseUrl(), "Nothing will run: " + refused.reason(), null);
        }
    }

    private void denyClicked(BlockActionPayload p, Conversation to) {
        String id = ActionIds.argument(p.getActions().get(0).getActionId(), ActionIds.DENY).orElse("");
        Outcome o = remediation.deny(id, to.userId(), channelOf(p));
        if (o instanceof Outcome.Denied d) {
            RestartRequest r = d.request();
            jobs.closeApproval(r, "denied", "🚫 Restart of *" + SlackText.escape(r.service()) + "* on *" + SlackText.escape(r.server())
                + "* denied by <@" + to.userId() + ">");
        } else if (o instanceof Outcome.Refused refused) {
            poster.ephemeral(p.getResponseUrl(), refused.reason(), null);
        }
    }

    /** Approved: say it runs, then run it (this thread is already off the ack path). */
    private void running(RestartRequest r, Conversation to) {
        String line = "▶️ Running `" + SlackText.escape(r.command()) + "` on *" + SlackText.escape(r.server()) + "* (approved by <@" + r.approver() + ">)";
        if (!jobs.closeApproval(r, "running", line)) {
            poster.post(to, "running", renderer.render("approval", new Views.Approval(SlackViews.plain(line, 2900), List.of())));
        }
        jobs.restart(r, to);
    }

    private static String channelOf(BlockActionPayload p) {
        return p.getChannel() == null ? null : p.getChannel().getId();
    }

    /** Restart requests cut off by a crash: said in their thread at start-up. */
    public void recover() {
        for (RestartRequest r : remediation.recover()) {
            if (r.channelId() != null) {
                poster.post(new Conversation(r.channelId(), r.messageTs(), null, null), "restart state unknown", renderer.render("approval",
                    new Views.Approval("⚠️ The bot stopped while restarting *" + SlackText.escape(r.service()) + "* on *" + SlackText.escape(r.server())
                        + "*: it may or may not have run, and it will not be re-run. Check the server: `/502 check " + SlackText.escape(r.server()) + "`", List.of())));
            }
        }
    }

    /** The Bolt app, for the HTTP endpoint and Socket Mode. */
    public App app() {
        return app;
    }

    /** Runs one request through Bolt (signature check included in HTTP mode). */
    public Response handle(Request<?> request) throws Exception {
        return app.run(request);
    }

    private Response command(Request<?> req, SlashCommandPayload p) {
        if (retried(req) || !firstTime("cmd:" + p.getTriggerId())) {
            return Response.ok();
        }
        MDC.put("request", requestId());
        LOG.info("/502 {} by {} in {}", Printable.line(SlackViews.plain(String.valueOf(p.getText()), 200)), Printable.line(String.valueOf(p.getUserId())),
            Printable.line(String.valueOf(p.getChannelId())));
        SlackCommand c = SlackCommand.parse(p.getText());
        Conversation to = new Conversation(p.getChannelId(), null, userId(p.getUserId()), p.getResponseUrl());
        String text = "/502 " + SlackViews.plain(p.getText() == null ? "" : p.getText(), 300);
        Answer answer = answer(c, to);
        // a database write has no place on the ack path; its own queue, so a busy bot still audits every command
        after.write(() -> audit.record(to.userId() == null ? "unknown" : to.userId(), to.channelId(), "command", null, text, answer.outcome()));
        return answer.response();
    }

    /** What a command gets back at once, and the outcome its audit entry records. */
    private record Answer(Response response, String outcome) {
        static Answer ok(Response response) {
            return new Answer(response, "ok");
        }
    }

    private Answer answer(SlackCommand c, Conversation to) {
        if (c instanceof SlackCommand.Check check) {
            return check(check.target(), to);
        }
        return Answer.ok(reply(c, to));
    }

    private Response reply(SlackCommand c, Conversation to) {
        if (c instanceof SlackCommand.Servers s) {
            return ephemeral("servers", renderer.render("list", views.servers(inventory, s.group())));
        }
        if (c instanceof SlackCommand.Guides g) {
            return ephemeral("fix guides", renderer.render("list", views.guides(g.words())));
        }
        if (c instanceof SlackCommand.Guide g) {
            Optional<Article> a = kb.article(g.id());
            if (a.isEmpty()) {
                return ephemeralText("No fix guide '" + SlackText.escape(SlackViews.plain(g.id(), 64)) + "'. Try `/502 guides`.");
            }
            after.click(() -> jobs.guide(a.get(), new Conversation(null, null, to.userId(), to.responseUrl())));
            return Response.ok();
        }
        if (c instanceof SlackCommand.History h) {
            return ephemeralText(history(h.server()));
        }
        if (c instanceof SlackCommand.Unknown u) {
            return ephemeralText("I don't know `" + SlackText.escape(SlackViews.plain(u.word(), 64)) + "`.\n" + HELP);
        }
        return ephemeralText(HELP);
    }

    private Answer check(String target, Conversation to) {
        List<Server> servers;
        try {
            servers = inventory.resolve(target);
        } catch (UnknownTargetException e) {
            return new Answer(ephemeralText(SlackText.escape(e.getMessage()) + "\nSee `/502 servers`."), "unknown-target");
        }
        if (!channels.isEmpty() && !channels.contains(to.channelId())) {
            return new Answer(ephemeralText("`/502 check` is not enabled in this channel: ask an admin to add it to `fiveohtwo.slack.channels`."),
                "refused-channel");
        }
        if (!jobs.submit(target, servers, to)) {
            return new Answer(ephemeralText(BUSY), "refused-busy");
        }
        return Answer.ok(Response.ok());
    }

    private interface ActionWork {
        void run(BlockActionPayload p, Conversation to);
    }

    private void onAction(Request<?> req, BlockActionPayload p, ActionWork work) {
        if (retried(req) || p.getActions() == null || p.getActions().isEmpty()
            || !firstTime("act:" + p.getTriggerId() + ":" + p.getActions().get(0).getActionTs())) {
            return;
        }
        MDC.put("request", requestId());
        LOG.info("button {} by {}", Printable.line(SlackViews.plain(String.valueOf(p.getActions().get(0).getActionId()), 80)),
            Printable.line(String.valueOf(p.getUser().getId())));
        BlockActionPayload.Container c = p.getContainer();
        String channel = p.getChannel() == null ? null : p.getChannel().getId();
        boolean ephemeral = c != null && c.isEphemeral();
        String thread = c == null ? null : c.getThreadTs() != null ? c.getThreadTs() : c.getMessageTs();
        work.run(p, new Conversation(ephemeral ? null : channel, ephemeral ? null : thread, userId(p.getUser().getId()), p.getResponseUrl()));
    }

    private void guideClicked(BlockActionPayload p, Conversation to) {
        ActionIds.argument(p.getActions().get(0).getActionId(), ActionIds.GUIDE).flatMap(kb::article)
            .ifPresent(a -> after.click(() -> jobs.guide(a, to)));
    }

    private void recheckClicked(BlockActionPayload p, Conversation to) {
        String server = ActionIds.argument(p.getActions().get(0).getActionId(), ActionIds.RECHECK).orElse("");
        try {
            List<Server> servers = inventory.resolve(server);
            if (to.channelId() != null && (channels.isEmpty() || channels.contains(to.channelId())) && !jobs.submit(server, servers, to)) {
                after.click(() -> poster.ephemeral(p.getResponseUrl(), BUSY, null));
            }
        } catch (UnknownTargetException e) {
            poster.ephemeral(p.getResponseUrl(), e.getMessage(), null);
        }
    }

    private String history(String server) {
        List<AuditEntry> entries = audit.list(server.isBlank() ? Optional.empty() : Optional.of(server),
            java.time.Instant.now().minus(java.time.Duration.ofDays(30)), 10);
        if (entries.isEmpty()) {
            return "No history" + (server.isBlank() ? "" : " for `" + SlackText.escape(SlackViews.plain(server, 64)) + "`") + " in the last 30 days.";
        }
        java.time.format.DateTimeFormatter f = java.time.format.DateTimeFormatter.ofPattern("MM-dd HH:mm").withZone(java.time.ZoneOffset.UTC);
        StringBuilder out = new StringBuilder("*Last " + entries.size() + " events" + (server.isBlank() ? "" : " on " + SlackText.escape(server)) + "* (UTC)\n");
        for (AuditEntry e : entries) {
            out.append("• ").append(f.format(e.at())).append(" ").append(e.actor().startsWith("U") || e.actor().startsWith("W") ? "<@" + e.actor() + ">" : SlackText.escape(e.actor()))
                .append(" ").append(SlackText.escape(e.action())).append(e.server() == null ? "" : " *" + SlackText.escape(e.server()) + "*")
                .append(" — ").append(SlackText.escape(SlackViews.plain(e.detail(), 120))).append(" → ").append(SlackText.escape(e.outcome())).append('\n');
        }
        return SlackViews.plain(out.toString(), 3000);
    }

    private static String unguessable() {
        byte[] b = new byte[32];
        new java.security.SecureRandom().nextBytes(b);
        return java.util.HexFormat.of().formatHex(b);
    }

    /** A short id that ties a command's log lines to its check, approval and restart. */
    private static String requestId() {
        return Long.toHexString(java.util.concurrent.ThreadLocalRandom.current().nextLong() & 0xffffffffffL);
    }

    /** Whether this is the first delivery of {@code key}, on any replica and across restarts (a key without an id always is). */
    private boolean firstTime(String key) {
        if (key.endsWith("null")) {
            return true;
        }
        boolean first = deliveries.first(key);
        after.write(deliveries::prune);
        return first;
    }

    /** A request Slack retried (we were slow or it lost our answer): the first delivery does the work. */
    private static boolean retried(Request<?> req) {
        return req.getHeaders() != null && req.getHeaders().getFirstValue("x-slack-retry-num") != null;
    }

    private static String userId(String id) {
        return id != null && USER_ID.matcher(id).matches() ? id : null;
    }

    private static Response ephemeral(String text, String blocks) {
        return Response.builder().statusCode(200).contentType(Response.CONTENT_TYPE_APPLICATION_JSON_UTF8)
            .body("{\"response_type\":\"ephemeral\",\"text\":\"" + SlackRenderer.json(text) + "\",\"blocks\":" + blocks + "}").build();
    }

    private static Response ephemeralText(String mrkdwn) {
        return Response.builder().statusCode(200).contentType(Response.CONTENT_TYPE_APPLICATION_JSON_UTF8)
            .body("{\"response_type\":\"ephemeral\",\"text\":\"" + SlackRenderer.json(mrkdwn) + "\"}").build();
    }

    static final String HELP = String.join("\n",
        "*/502* — diagnose 502 Bad Gateway on our servers:",
        "• `/502 check <server|group|all>` — check now (read-only)",
        "• `/502 servers [group]` — what I can check",
        "• `/502 guides [words]` — fix guides, e.g. `/502 guides php-fpm`",
        "• `/502 guide <id>` — open one guide",
        "• `/502 history [server]` — the last 10 commands, checks and restarts",
        "• `/502 help` — this");

    /** Stops taking commands and lets running checks finish (30 s at most). */
    public void close() {
        jobs.close();
        after.close();
    }
}
