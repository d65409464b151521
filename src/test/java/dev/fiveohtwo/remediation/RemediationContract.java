package dev.fiveohtwo.remediation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fiveohtwo.audit.Audit;
import dev.fiveohtwo.audit.AuditEntry;
import dev.fiveohtwo.checks.SecretFixture;
import dev.fiveohtwo.inventory.Inventory;
import dev.fiveohtwo.inventory.InventoryLoader;
import dev.fiveohtwo.inventory.Server;
import dev.fiveohtwo.knowledge.Finding;
import dev.fiveohtwo.knowledge.Severity;
import dev.fiveohtwo.ssh.Executor;
import dev.fiveohtwo.triage.Triage;
import io.micronaut.context.ApplicationContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The restart state machine on a real database: exactly once under concurrent clicks and across two bot
 * instances, and every refusal. Runs on H2 ({@link RemediationTest}) and PostgreSQL ({@link RemediationPostgresIT}).
 * The restart command appends a line to a file, so the file counts how often it really ran.
 */
@Timeout(120)
abstract class RemediationContract {
    static final String ALICE = "UALICE";
    static final String BOB = "UBOB";
    static final String CAROL = "UCAROL";
    static final String CHANNEL = "CINC";

    @TempDir
    Path dir;

    Path runs;
    Inventory inventory;
    ApplicationContext context;
    final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-21T10:00:00Z"));

    /** A fresh, empty database for each test. */
    abstract String jdbcUrl(String name);

    abstract Map<String, Object> extraProperties();

    @BeforeEach
    void start() throws Exception {
        runs = dir.resolve("runs.txt");
        Files.writeString(runs, "");
        Path nginxConf = Files.writeString(dir.resolve("nginx.conf"), "events {}\nhttp {}\n");
        inventory = new InventoryLoader()
                .parse(
                        "test",
                        String.join(
                                "\n",
                                "servers:",
                                "  box:",
                                "    transport: local",
                                "    front-url: http://127.0.0.1:9/",
                                "    services:",
                                "      nginx: { kind: nginx, config: " + nginxConf + " }",
                                "      app: { kind: app, unit: app, process: no-such-process-xyz, restart: \"echo ran >> "
                                        + runs + "\" }",
                                ""));
        context = open("db" + System.nanoTime());
    }

    ApplicationContext open(String db) {
        Map<String, Object> props = new java.util.HashMap<>(
                Map.of("datasources.default.url", jdbcUrl(db), "fiveohtwo.inventory", "/dev/null"));
        props.putAll(extraProperties());
        return ApplicationContext.run(props, "bot");
    }

    @AfterEach
    void stop() {
        context.close();
    }

    Remediation remediation(ApplicationContext ctx, RemediationSettings settings) {
        Executor executor = Executor.of(inventory.servers()::get, dir, Map.of());
        Triage triage = Triage.of(
                inventory,
                executor,
                (server, evidence) -> new dev.fiveohtwo.knowledge.Diagnosis(
                        dev.fiveohtwo.knowledge.Verdict.BAD_GATEWAY, List.of(), List.of()),
                300,
                2);
        Approvers approvers = new Approvers() {
            @Override
            public boolean contains(String userId) {
                return Set.of(ALICE, BOB).contains(userId);
            }
        };
        Clock clock = new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now.get();
            }
        };
        return new Remediation(
                ctx.getBean(RestartRequestRepository.class),
                ctx.getBean(Audit.class),
                settings,
                approvers,
                inventory,
                triage,
                executor,
                clock);
    }

    static RemediationSettings settings() {
        return new RemediationSettings(
                List.of(ALICE, BOB),
                true,
                Duration.ofMinutes(15),
                3,
                Duration.ofMinutes(10),
                List.of(),
                false,
                Duration.ofSeconds(30));
    }

    String offer(Remediation r) {
        Server box = inventory.servers().get("box");
        Finding f = new Finding(
                "upstream-down",
                "The upstream service is down",
                Severity.CRITICAL,
                0.9,
                List.of("x"),
                List.of("app: inactive"),
                true,
                List.of(new Finding.RestartOption(
                        "app", "app", "app", box.services().get("app").restart().get())),
                List.of());
        return r.offer(box, f, CHANNEL, "1795265000.000100").get("app");
    }

    long runsSoFar() throws Exception {
        return Files.readAllLines(runs).size();
    }

    @Test
    void requestThenApprovalByAnotherRunsTheCommandOnceAndAuditsEachStep() throws Exception {
        Remediation r = remediation(context, settings());
        String id = offer(r);
        assertTrue(id.length() >= 22, "an id of at least 128 bits");
        assertInstanceOf(Outcome.NeedsApproval.class, r.request(id, CAROL, CHANNEL));
        Outcome.Approved approved = assertInstanceOf(Outcome.Approved.class, r.approve(id, BOB, CHANNEL));
        Execution ex = r.execute(approved.request());
        assertEquals(RestartState.SUCCEEDED, ex.request().status());
        assertEquals(0, ex.request().exitStatus());
        assertEquals(1, runsSoFar());
        List<String> actions = context.getBean(Audit.class).list(Optional.of("box"), Instant.EPOCH, 50).stream()
                .map(AuditEntry::action)
                .toList();
        assertTrue(actions.containsAll(List.of("restart-request", "approve", "restart", "check")), actions.toString());
    }

    @Test
    void restartOutputIsStoredWithItsSecretsMasked() throws Exception {
        Path printed = Files.writeString(
                dir.resolve("printed.log"), SecretFixture.nginxErrorLog(java.time.LocalDateTime.now()));
        inventory = new InventoryLoader()
                .parse(
                        "test",
                        String.join(
                                "\n",
                                "servers:",
                                "  box:",
                                "    transport: local",
                                "    services:",
                                "      app: { kind: app, unit: app, process: no-such-process-xyz, restart: \"cat "
                                        + printed + "\" }",
                                ""));
        Remediation r = remediation(context, settings());
        String id = offer(r);
        r.request(id, CAROL, CHANNEL);
        Outcome.Approved approved = assertInstanceOf(Outcome.Approved.class, r.approve(id, BOB, CHANNEL));

        r.execute(approved.request());

        RestartRequest stored =
                context.getBean(RestartRequestRepository.class).findById(id).orElseThrow();
        assertEquals(RestartState.SUCCEEDED, stored.status());
        SecretFixture.assertMasked("stored restart output", stored.outputTail());
    }

    @Test
    void aRestartIsCutAtTheRemediationsDeadlineNotTheServersCommandTimeout() throws Exception {
        inventory = new InventoryLoader()
                .parse(
                        "test",
                        String.join(
                                "\n",
                                "servers:",
                                "  box:",
                                "    transport: local",
                                "    command-timeout: 1h",
                                "    services:",
                                "      app: { kind: app, unit: app, process: no-such-process-xyz, restart: \"echo begun; sleep 60\" }",
                                ""));
        Remediation r = remediation(
                context,
                new RemediationSettings(
                        List.of(ALICE, BOB),
                        true,
                        Duration.ofMinutes(15),
                        3,
                        Duration.ofMinutes(10),
                        List.of(),
                        false,
                        Duration.ofSeconds(1)));
        String id = offer(r);
        r.request(id, CAROL, CHANNEL);
        Outcome.Approved approved = assertInstanceOf(Outcome.Approved.class, r.approve(id, BOB, CHANNEL));

        Execution ex = r.execute(approved.request());

        assertEquals(RestartState.FAILED, ex.request().status());
        assertTrue(
                ex.request().outputTail().startsWith("timed out after 1 s: begun"),
                ex.request().outputTail());
    }

    @Test
    void twentyConcurrentApprovalsRunTheCommandOnce() throws Exception {
        Remediation r = remediation(context, settings());
        String id = offer(r);
        r.request(id, CAROL, CHANNEL);
        assertEquals(1, race(List.of(r), id));
        assertEquals(1, runsSoFar());
    }

    @Test
    void twoBotInstancesSharingTheDatabaseRunTheCommandOnce() throws Exception {
        String db = "shared" + System.nanoTime();
        try (ApplicationContext one = open(db);
                ApplicationContext two = open(db)) {
            Remediation a = remediation(one, settings());
            Remediation b = remediation(two, settings());
            String id = offer(a);
            b.request(id, CAROL, CHANNEL);
            assertEquals(1, race(List.of(a, b), id));
            assertEquals(1, runsSoFar());
        }
    }

    /** 20 approvals at once, spread over the instances; each winner executes. Returns how many won. */
    private int race(List<Remediation> instances, String id) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(20);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                Remediation r = instances.get(i % instances.size());
                String approver = i % 2 == 0 ? ALICE : BOB;
                results.add(pool.submit(() -> {
                    go.await();
                    Outcome o = r.approve(id, approver, CHANNEL);
                    if (o instanceof Outcome.Approved a) {
                        r.execute(a.request());
                        return true;
                    }
                    return false;
                }));
            }
            go.countDown();
            int won = 0;
            for (Future<Boolean> f : results) {
                won += f.get() ? 1 : 0;
            }
            return won;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void theRequesterCannotApproveTheirOwnRequest() throws Exception {
        Remediation r = remediation(context, settings());
        String id = offer(r);
        r.request(id, ALICE, CHANNEL);
        Outcome.Refused refused = assertInstanceOf(Outcome.Refused.class, r.approve(id, ALICE, CHANNEL));
        assertTrue(refused.reason().contains("someone else"), refused.reason());
        assertEquals(0, runsSoFar());
    }

    @Test
    void someoneOutsideTheApproversCannotApprove() throws Exception {
        Remediation r = remediation(context, settings());
        String id = offer(r);
        r.request(id, ALICE, CHANNEL);
        Outcome.Refused refused = assertInstanceOf(Outcome.Refused.class, r.approve(id, CAROL, CHANNEL));
        assertEquals(Outcome.Refused.Kind.NOT_AN_APPROVER, refused.kind());
        assertEquals("only approvers may approve", refused.reason());
        assertEquals(0, runsSoFar());
    }

    @Test
    void aLateApprovalIsRefusedWithWhoApprovedAsDataNotAsAChatMention() throws Exception {
        Remediation r = remediation(context, settings());
        String id = offer(r);
        r.request(id, CAROL, CHANNEL);
        assertInstanceOf(Outcome.Approved.class, r.approve(id, BOB, CHANNEL));

        Outcome.Refused late = assertInstanceOf(Outcome.Refused.class, r.approve(id, ALICE, CHANNEL));

        assertEquals(Outcome.Refused.Kind.ALREADY_DECIDED, late.kind());
        assertEquals("already approved", late.reason());
        assertEquals(Optional.of(BOB), late.decidedBy());
        AuditEntry audited = context.getBean(Audit.class).list(Optional.of("box"), Instant.EPOCH, 50).stream()
                .filter(e -> e.action().equals("refuse"))
                .findFirst()
                .orElseThrow();
        assertEquals("already approved by " + BOB, audited.outcome());
    }

    @Test
    void nobodyMayRestartWhenNobodyIsAnApprover() throws Exception {
        Remediation strict = new Remediation(
                context.getBean(RestartRequestRepository.class),
                context.getBean(Audit.class),
                settings(),
                new Approvers() {
                    @Override
                    public boolean contains(String userId) {
                        return false;
                    }
                },
                inventory,
                Triage.of(inventory, Executor.of(inventory.servers()::get, dir, Map.of()), (s, e) -> null, 300, 1),
                Executor.of(inventory.servers()::get, dir, Map.of()),
                Clock.systemUTC());
        String id = offer(strict);
        strict.request(id, CAROL, CHANNEL);
        assertInstanceOf(Outcome.Refused.class, strict.approve(id, BOB, CHANNEL));
        assertEquals(0, runsSoFar());
    }

    @Test
    void anExpiredRequestIsRefusedAndSaysSo() throws Exception {
        Remediation r = remediation(context, settings());
        String id = offer(r);
        r.request(id, CAROL, CHANNEL);
        now.set(now.get().plus(Duration.ofMinutes(16)));
        Outcome.Refused refused = assertInstanceOf(Outcome.Refused.class, r.approve(id, BOB, CHANNEL));
        assertTrue(refused.reason().contains("expired"), refused.reason());
        assertEquals(RestartState.EXPIRED, r.find(id).orElseThrow().status());
    }

    @Test
    void aFourthRestartWithinTheCooldownIsRefused() throws Exception {
        Remediation r = remediation(context, settings());
        for (int i = 0; i < 3; i++) {
            String id = offer(r);
            r.request(id, CAROL, CHANNEL);
            r.execute(((Outcome.Approved) r.approve(id, BOB, CHANNEL)).request());
            now.set(now.get().plusSeconds(30));
        }
        String id = offer(r);
        r.request(id, CAROL, CHANNEL);
        Outcome.Refused refused = assertInstanceOf(Outcome.Refused.class, r.approve(id, BOB, CHANNEL));
        assertTrue(refused.reason().startsWith("cooldown"), refused.reason());
        assertEquals(3, runsSoFar());
    }

    @Test
    void aChannelOutsideTheAllowListIsRefused() throws Exception {
        Remediation r = remediation(
                context,
                new RemediationSettings(
                        List.of(ALICE, BOB),
                        true,
                        Duration.ofMinutes(15),
                        3,
                        Duration.ofMinutes(10),
                        List.of("COTHER"),
                        false,
                        Duration.ofSeconds(30)));
        String id = offer(r);
        assertInstanceOf(Outcome.Refused.class, r.request(id, CAROL, CHANNEL));
    }

    @Test
    void unknownIdsAndCommandLookingValuesAreRefusedAndAudited() throws Exception {
        Remediation r = remediation(context, settings());
        for (String forged : List.of("nope", "sudo systemctl restart nginx", "$(reboot)", "")) {
            assertInstanceOf(Outcome.Refused.class, r.request(forged, ALICE, CHANNEL));
            assertInstanceOf(Outcome.Refused.class, r.approve(forged, BOB, CHANNEL));
        }
        long refusals = context.getBean(Audit.class).list(Optional.empty(), Instant.EPOCH, 100).stream()
                .filter(e -> e.action().equals("refuse"))
                .count();
        assertEquals(8, refusals);
        assertEquals(0, runsSoFar());
    }

    @Test
    void denyStopsTheRequest() throws Exception {
        Remediation r = remediation(context, settings());
        String id = offer(r);
        r.request(id, CAROL, CHANNEL);
        assertInstanceOf(Outcome.Denied.class, r.deny(id, ALICE, CHANNEL));
        assertInstanceOf(Outcome.Refused.class, r.approve(id, BOB, CHANNEL));
        assertEquals(0, runsSoFar());
    }

    @Test
    void dryRunRunsNothing() throws Exception {
        Remediation r = remediation(
                context,
                new RemediationSettings(
                        List.of(ALICE, BOB),
                        true,
                        Duration.ofMinutes(15),
                        3,
                        Duration.ofMinutes(10),
                        List.of(),
                        true,
                        Duration.ofSeconds(30)));
        String id = offer(r);
        r.request(id, CAROL, CHANNEL);
        Execution ex = r.execute(((Outcome.Approved) r.approve(id, BOB, CHANNEL)).request());
        assertEquals(RestartState.DRY_RUN, ex.request().status());
        assertEquals(0, runsSoFar());
    }

    @Test
    void aRunCutOffByACrashIsMarkedUnknownAndNeverReRun() throws Exception {
        Remediation r = remediation(context, settings());
        String id = offer(r);
        r.request(id, CAROL, CHANNEL);
        r.approve(id, BOB, CHANNEL);
        RestartRequestRepository repo = context.getBean(RestartRequestRepository.class);
        assertEquals(1, repo.move(id, "approved", "running", now.get()));
        List<RestartRequest> recovered = r.recover();
        assertEquals(List.of(id), recovered.stream().map(RestartRequest::id).toList());
        assertEquals(RestartState.FAILED_UNKNOWN, r.find(id).orElseThrow().status());
        assertEquals(0, runsSoFar());
    }
}
