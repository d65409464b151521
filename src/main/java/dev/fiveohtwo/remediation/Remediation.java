package dev.fiveohtwo.remediation;

import dev.fiveohtwo.audit.Audit;
import dev.fiveohtwo.checks.Redactor;
import dev.fiveohtwo.inventory.Inventory;
import dev.fiveohtwo.inventory.Server;
import dev.fiveohtwo.inventory.Service;
import dev.fiveohtwo.knowledge.Finding;
import dev.fiveohtwo.ssh.Exec;
import dev.fiveohtwo.ssh.ExecOutcome;
import dev.fiveohtwo.ssh.Executor;
import dev.fiveohtwo.triage.Report;
import dev.fiveohtwo.triage.Triage;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Restarts with approval, exactly once. Buttons carry only an opaque id; the command comes from the inventory
 * and is fixed when the offer is made. Each step is a conditional update, so a double click, a Slack retry or a
 * second replica loses cleanly; every step and every refusal is audited.
 */
public final class Remediation {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int TAIL = 2000;
    private final RestartRequestRepository repository;
    private final Audit audit;
    private final RemediationSettings settings;
    private final Approvers approvers;
    private final Inventory inventory;
    private final Triage triage;
    private final Executor executor;
    private final Clock clock;

    Remediation(
            RestartRequestRepository repository,
            Audit audit,
            RemediationSettings settings,
            Approvers approvers,
            Inventory inventory,
            Triage triage,
            Executor executor,
            Clock clock) {
        this.repository = repository;
        this.audit = audit;
        this.settings = settings;
        this.approvers = approvers;
        this.inventory = inventory;
        this.triage = triage;
        this.executor = executor;
        this.clock = clock;
    }

    public RemediationSettings settings() {
        return settings;
    }

    /** Offers restarts of the services a finding names; returns the opaque id per service name. */
    public java.util.Map<String, String> offer(Server server, Finding finding, String channelId, String messageTs) {
        java.util.Map<String, String> ids = new java.util.LinkedHashMap<>();
        Instant now = clock.instant();
        String hash = hash(finding.evidence());
        for (Finding.RestartOption o : finding.restart()) {
            String id = newId();
            repository.save(new RestartRequest(
                    id,
                    server.name(),
                    o.service(),
                    finding.id(),
                    o.command(),
                    hash,
                    channelId,
                    messageTs,
                    null,
                    null,
                    null,
                    RestartState.OFFERED.id(),
                    now,
                    now,
                    now.plus(settings.expiry()),
                    null,
                    null,
                    null));
            ids.put(o.service(), id);
        }
        return ids;
    }

    public Optional<RestartRequest> find(String id) {
        return id != null && id.matches("[A-Za-z0-9_-]{20,40}") ? repository.findById(id) : Optional.empty();
    }

    /** A click on Restart. */
    public Outcome request(String id, String user, String channel) {
        Optional<RestartRequest> found = find(id);
        if (found.isEmpty()) {
            return refuse(
                    user,
                    channel,
                    null,
                    "unknown restart request " + shown(id),
                    "this button is not one of ours (or the request is gone)");
        }
        RestartRequest r = found.get();
        Optional<String> why = common(r, user, channel);
        if (why.isPresent()) {
            return refuse(user, channel, r.server(), "restart " + r.service(), why.get());
        }
        if (!settings.twoPerson() && !approvers.contains(user)) {
            return refuse(
                    user,
                    channel,
                    r.server(),
                    "restart " + r.service(),
                    new Outcome.Refused(
                            "only approvers may restart", Outcome.Refused.Kind.NOT_AN_APPROVER, Optional.empty()));
        }
        Instant now = clock.instant();
        if (repository.request(r.id(), user, now, now.plus(settings.expiry())) != 1) {
            return refuse(user, channel, r.server(), "restart " + r.service(), lostTo(r.id(), "requested"));
        }
        audit.record(user, channel, "restart-request", r.server(), r.service() + ": " + r.command(), "requested");
        RestartRequest requested = repository.findById(r.id()).orElseThrow();
        if (!settings.twoPerson()) {
            return approve(r.id(), user, channel);
        }
        return new Outcome.NeedsApproval(requested);
    }

    /** A click on Approve. */
    public Outcome approve(String id, String user, String channel) {
        Optional<RestartRequest> found = find(id);
        if (found.isEmpty()) {
            return refuse(user, channel, null, "approve " + shown(id), "unknown restart request");
        }
        RestartRequest r = found.get();
        Optional<String> why = common(r, user, channel);
        if (why.isEmpty() && !approvers.contains(user)) {
            return refuse(
                    user,
                    channel,
                    r.server(),
                    "approve restart " + r.service(),
                    new Outcome.Refused(
                            "only approvers may approve", Outcome.Refused.Kind.NOT_AN_APPROVER, Optional.empty()));
        }
        if (why.isEmpty() && settings.twoPerson() && user.equals(r.requester())) {
            why = Optional.of("you requested this restart; someone else must approve it");
        }
        if (why.isEmpty()
                && repository.recentRuns(
                                r.server(), r.service(), clock.instant().minus(settings.cooldownWindow()))
                        >= settings.cooldownRestarts()) {
            why = Optional.of("cooldown: " + r.service() + " on " + r.server() + " was restarted "
                    + settings.cooldownRestarts() + " times in the last "
                    + settings.cooldownWindow().toMinutes() + " min; look for the cause instead");
        }
        if (why.isPresent()) {
            return refuse(user, channel, r.server(), "approve restart " + r.service(), why.get());
        }
        if (repository.decide(r.id(), RestartState.APPROVED.id(), user, clock.instant()) != 1) {
            return refuse(user, channel, r.server(), "approve restart " + r.service(), lostTo(r.id(), "approved"));
        }
        audit.record(user, channel, "approve", r.server(), r.service() + ": " + r.command(), "approved");
        return new Outcome.Approved(repository.findById(r.id()).orElseThrow());
    }

    /** A click on Deny: an approver, or the requester taking it back. */
    public Outcome deny(String id, String user, String channel) {
        Optional<RestartRequest> found = find(id);
        if (found.isEmpty()) {
            return refuse(user, channel, null, "deny " + shown(id), "unknown restart request");
        }
        RestartRequest r = found.get();
        if (!approvers.contains(user) && !user.equals(r.requester())) {
            return refuse(
                    user,
                    channel,
                    r.server(),
                    "deny restart " + r.service(),
                    "only approvers or the requester may deny");
        }
        if (repository.decide(r.id(), RestartState.DENIED.id(), user, clock.instant()) != 1) {
            return refuse(user, channel, r.server(), "deny restart " + r.service(), lostTo(r.id(), "denied"));
        }
        audit.record(user, channel, "deny", r.server(), r.service(), "denied");
        return new Outcome.Denied(repository.findById(r.id()).orElseThrow());
    }

    /** Records where the approval message is, so a later click can update it. */
    public void approvalMessage(String id, String ts) {
        repository.approvalMessage(id, ts);
    }

    /**
     * Runs an approved request: checks the precondition, runs the inventory's command (exactly once: only the
     * caller that moves it to running does), re-checks, and records the outcome.
     */
    public Execution execute(RestartRequest approved) {
        Server server = inventory.servers().get(approved.server());
        Service service = server == null ? null : server.services().get(approved.service());
        Report before = triage.check(server);
        boolean active = before.evidence()
                .map(e -> e.services().stream().anyMatch(s -> s.name().equals(approved.service()) && s.active()))
                .orElse(false);
        boolean frontOk = before.evidence()
                .flatMap(e -> e.front())
                .flatMap(p -> p.status())
                .map(c -> c < 500)
                .orElse(false);
        Instant now = clock.instant();
        if (active && frontOk) {
            repository.move(approved.id(), RestartState.APPROVED.id(), RestartState.NOT_NEEDED.id(), now);
            audit.record(
                    "fiveohtwo",
                    approved.channelId(),
                    "restart",
                    approved.server(),
                    approved.service() + ": not needed, active and front answers",
                    "not-needed");
            return new Execution(repository.findById(approved.id()).orElseThrow(), before, Optional.empty());
        }
        if (settings.dryRun()) {
            repository.move(approved.id(), RestartState.APPROVED.id(), RestartState.DRY_RUN.id(), now);
            audit.record(
                    "fiveohtwo",
                    approved.channelId(),
                    "restart",
                    approved.server(),
                    "dry run: " + approved.command(),
                    "dry-run");
            return new Execution(repository.findById(approved.id()).orElseThrow(), before, Optional.empty());
        }
        if (repository.move(approved.id(), RestartState.APPROVED.id(), RestartState.RUNNING.id(), now) != 1) {
            return new Execution(repository.findById(approved.id()).orElseThrow(), before, Optional.empty());
        }
        // the command as the inventory has it now; the offer's copy is what the approver saw, and they must agree
        String command = service != null && service.restart().isPresent()
                ? service.restart().get()
                : approved.command();
        if (!command.equals(approved.command())) {
            repository.finish(
                    approved.id(),
                    RestartState.FAILED.id(),
                    null,
                    "the inventory's restart command changed since the request; nothing ran",
                    0L,
                    clock.instant());
            audit.record(
                    "fiveohtwo",
                    approved.channelId(),
                    "restart",
                    approved.server(),
                    approved.service() + ": command changed",
                    "refused");
            return new Execution(repository.findById(approved.id()).orElseThrow(), before, Optional.empty());
        }
        long start = System.nanoTime();
        ExecOutcome out = executor.run(
                server, new Exec(List.of("sh", "-c", command), new byte[0], 64 * 1024, settings.commandTimeout()));
        long ms = Duration.ofNanos(System.nanoTime() - start).toMillis();
        Integer exit = null;
        String tail;
        if (out instanceof ExecOutcome.Completed c) {
            exit = c.exitStatus();
            tail = tail(new String(c.stdout(), StandardCharsets.UTF_8) + c.stderr());
        } else if (out instanceof ExecOutcome.TimedOut t) {
            tail = "timed out after " + settings.commandTimeout().toSeconds() + " s: "
                    + tail(new String(t.stdout(), StandardCharsets.UTF_8));
        } else {
            ExecOutcome.Unreachable u = (ExecOutcome.Unreachable) out;
            tail = u.reason().label() + ": " + u.detail();
        }
        RestartState end = exit != null && exit == 0 ? RestartState.SUCCEEDED : RestartState.FAILED;
        repository.finish(approved.id(), end.id(), exit, tail, ms, clock.instant());
        audit.record(
                "fiveohtwo",
                approved.channelId(),
                "restart",
                approved.server(),
                approved.service() + ": " + command + " (" + ms + " ms)",
                exit == null ? end.id() : "exit " + exit);
        Report after = triage.check(server);
        audit.record(
                "fiveohtwo",
                approved.channelId(),
                "check",
                approved.server(),
                "after restart of " + approved.service(),
                after.verdict().id() + after.top().map(f -> " " + f.id()).orElse(""));
        return new Execution(repository.findById(approved.id()).orElseThrow(), before, Optional.of(after));
    }

    /** At start-up: runs cut off by a crash are marked failed-unknown (never re-run blindly) and returned. */
    public List<RestartRequest> recover() {
        List<RestartRequest> cut = repository.running();
        for (RestartRequest r : cut) {
            repository.move(r.id(), RestartState.RUNNING.id(), RestartState.FAILED_UNKNOWN.id(), clock.instant());
            audit.record(
                    "fiveohtwo",
                    r.channelId(),
                    "recover",
                    r.server(),
                    r.service() + ": the bot stopped while the restart ran",
                    "failed-unknown");
        }
        return cut.stream().map(r -> repository.findById(r.id()).orElseThrow()).toList();
    }

    private Optional<String> common(RestartRequest r, String user, String channel) {
        if (user == null) {
            return Optional.of("unknown user");
        }
        if (!settings.channels().isEmpty() && !settings.channels().contains(channel)) {
            return Optional.of("restarts are not allowed in this channel");
        }
        if (r.channelId() != null && channel != null && !r.channelId().equals(channel)) {
            return Optional.of("this request belongs to another channel");
        }
        if (!r.expiresAt().isAfter(clock.instant())) {
            repository.expire(r.id(), clock.instant());
            return Optional.of(
                    "this restart request expired (" + settings.expiry().toMinutes() + " min); run /502 check again");
        }
        Server server = inventory.servers().get(r.server());
        if (server == null
                || server.services().get(r.service()) == null
                || server.services().get(r.service()).restart().isEmpty()) {
            return Optional.of(r.service() + " on " + r.server() + " has no restart command in the inventory any more");
        }
        return Optional.empty();
    }

    /** A conditional update that moved nothing: the request expired, or someone got there first. */
    private Outcome.Refused lostTo(String id, String wanted) {
        return repository
                .findById(id)
                .map(r -> r.status() == RestartState.EXPIRED || !r.expiresAt().isAfter(clock.instant())
                        ? new Outcome.Refused("this restart request expired")
                        : new Outcome.Refused(
                                "already " + r.state(),
                                Outcome.Refused.Kind.ALREADY_DECIDED,
                                Optional.ofNullable(r.approver())))
                .orElse(new Outcome.Refused("not " + wanted));
    }

    private Outcome refuse(String user, String channel, String server, String what, String reason) {
        return refuse(user, channel, server, what, new Outcome.Refused(reason));
    }

    private Outcome refuse(String user, String channel, String server, String what, Outcome.Refused refused) {
        audit.record(
                user == null ? "unknown" : user,
                channel,
                "refuse",
                server,
                what,
                refused.reason() + refused.decidedBy().map(by -> " by " + by).orElse(""));
        return refused;
    }

    /** The end of a command's output, masked first so that cutting cannot leave half a secret behind. */
    private static String tail(String s) {
        String t = Redactor.redact(s).strip();
        return t.length() <= TAIL ? t : "…" + t.substring(t.length() - TAIL);
    }

    private static String shown(String id) {
        return id == null ? "(none)" : dev.fiveohtwo.system.Printable.of(id);
    }

    static String newId() {
        byte[] b = new byte[18];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    static String hash(List<String> evidence) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256")
                            .digest(String.join("\n", evidence).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
