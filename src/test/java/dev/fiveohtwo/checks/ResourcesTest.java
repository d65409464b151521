package dev.fiveohtwo.checks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ResourcesTest {
    private static final String NONCE = "r3s";

    /** Collector output holding the given sections (name, body, name, body, ...) and the closing one. */
    private static Evidence evidence(String... nameThenBody) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < nameThenBody.length; i += 2) {
            out.append("\n### ")
                    .append(NONCE)
                    .append(' ')
                    .append(nameThenBody[i])
                    .append('\n')
                    .append(nameThenBody[i + 1]);
        }
        out.append("\n### ").append(NONCE).append(" end\n");
        return Evidence.from(Sections.parse(out.toString(), Optional.of(NONCE), 65536));
    }

    private static Resources resources(String... nameThenBody) {
        return evidence(nameThenBody).resources();
    }

    @Test
    void parsesMemoryAndSwap() {
        Resources r = resources(
                "memory",
                String.join(
                        "\n",
                        "MemTotal:        2000000 kB",
                        "MemFree:           50000 kB",
                        "MemAvailable:     100000 kB",
                        "SwapTotal:       1000000 kB",
                        "SwapFree:         250000 kB",
                        ""));

        Resources.Memory m = r.memory().orElseThrow();
        assertEquals(new Resources.Memory(2000000, 100000, 1000000, 250000), m);
        assertEquals(5, m.availablePercent());
        assertEquals(75, m.swapUsedPercent());
    }

    @Test
    void memoryWithoutSwapUsesNone() {
        Resources.Memory m = resources("memory", "MemTotal: 1000 kB\nMemAvailable: 900 kB\n")
                .memory()
                .orElseThrow();

        assertEquals(90, m.availablePercent());
        assertEquals(0, m.swapUsedPercent());
    }

    @Test
    void memoryWithoutAvailableIsUnknown() {
        assertTrue(resources("memory", "MemTotal: 1000 kB\nMemFree: 900 kB\n")
                .memory()
                .isEmpty());
        assertTrue(resources("memory", "cat: /proc/meminfo: No such file or directory\n")
                .memory()
                .isEmpty());
        assertTrue(resources().memory().isEmpty());
    }

    @Test
    void parsesLoadAndCoresFromMeta() {
        Resources r = resources("meta", "nproc=4\n", "load", "3.75 2.10 1.05 5/321 4242\n");

        assertEquals(Optional.of(3.75), r.load1());
        assertEquals(4, r.cores());
    }

    @Test
    void unknownLoadAndCoresDefault() {
        Resources r = resources("meta", "nproc=\n", "load", "uptime: not found\n");

        assertEquals(Optional.empty(), r.load1());
        assertEquals(1, r.cores());
    }

    @Test
    void parsesDiskBlocksAndInodes() {
        Resources r =
                resources("disk", "blocks|/|97%|83621192\ninodes|/var|100%|16367324\nblocks|/boot|n/a|1\ngarbage\n");

        assertEquals(
                List.of(new Resources.Disk("blocks", "/", 97), new Resources.Disk("inodes", "/var", 100)), r.disks());
    }

    @Test
    void parsesEstablishedConnections() {
        Resources r =
                resources("connections", "Total: 1210\nTCP:   1190 (estab 1024, closed 3, orphaned 0, timewait 160)\n");

        assertEquals(Optional.of(1024), r.established());
        assertEquals(
                Optional.empty(),
                resources("connections", "ss: command not found\n").established());
    }

    @Test
    void parsesOpenFileLimits() {
        Resources r = resources(
                "limits", "nginx: master|8497|1024|4096\nphp-fpm: master|8493|unlimited|unlimited\n" + "app|x|soft|\n");

        assertEquals(
                List.of(
                        new Resources.OpenFiles("nginx: master", 8497, Optional.of(1024L), Optional.of(4096L)),
                        new Resources.OpenFiles(
                                "php-fpm: master", 8493, Optional.of(Long.MAX_VALUE), Optional.of(Long.MAX_VALUE)),
                        new Resources.OpenFiles("app", 0, Optional.empty(), Optional.empty())),
                r.openFiles());
    }

    @Test
    void parsesZombies() {
        assertEquals(
                4,
                resources("processes", "total=73\nzombies=4\n 8493 root Ss 3 php-fpm: master\n")
                        .zombies());
        assertEquals(0, resources("processes", "total=73\n").zombies());
    }

    @Test
    void parsesContainers() {
        Resources r = resources(
                "containers",
                "web|Up 2 hours|nginx:1.25|0.0.0.0:80->80/tcp\n"
                        + "api|Exited (137) 5 minutes ago|shop/api:3.1|\n"
                        + "worker|Restarting (1) 3 seconds ago|shop/worker:3.1\n");

        assertEquals(3, r.containers().size());
        Resources.Container web = r.containers().get(0);
        assertEquals(new Resources.Container("web", "Up 2 hours", "nginx:1.25", "0.0.0.0:80->80/tcp"), web);
        assertFalse(web.down());
        assertTrue(r.containers().get(1).down());
        assertEquals("", r.containers().get(1).ports());
        assertTrue(r.containers().get(2).down());
        assertEquals("", r.containers().get(2).ports());
    }

    @Test
    void dockerErrorGivesNoContainers() {
        Resources r = resources(
                "containers",
                "Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?\n");

        assertTrue(r.containers().isEmpty());
    }

    @Test
    void emptyOutputGivesEmptyResources() {
        Resources r = resources();

        assertTrue(r.disks().isEmpty());
        assertTrue(r.openFiles().isEmpty());
        assertTrue(r.containers().isEmpty());
        assertEquals(Optional.empty(), r.established());
        assertEquals(0, r.zombies());
    }

    @Test
    void parsesServicesFromSystemdAndPs() {
        List<ServiceState> services = evidence(
                        "services",
                        String.join(
                                "\n",
                                "service=php-fpm|php-fpm|php8.2-fpm",
                                "ActiveState=failed",
                                "SubState=failed",
                                "Result=exit-code",
                                "NRestarts=3",
                                "MainPID=0",
                                "ActiveEnterTimestamp=Sat 2026-11-21 10:00:00 UTC",
                                "SinceEpoch=1795255200",
                                "service=nginx|nginx|nginx",
                                "ActiveState=active",
                                "MainPID=8497",
                                "SinceEpoch=1795265217",
                                "Source=ps",
                                "service=app|app|gunicorn",
                                "ActiveState=inactive",
                                "Source=ps",
                                ""))
                .services();

        assertEquals(3, services.size());

        ServiceState fpm = services.get(0);
        assertEquals("php-fpm", fpm.name());
        assertEquals("php-fpm", fpm.kind());
        assertEquals("php8.2-fpm", fpm.unit());
        assertEquals("failed", fpm.activeState());
        assertEquals("failed", fpm.subState());
        assertEquals("exit-code", fpm.result());
        assertEquals(Optional.of(3), fpm.restarts());
        assertEquals(Optional.empty(), fpm.mainPid());
        assertEquals(Optional.of(1795255200L), fpm.sinceEpoch());
        assertEquals("systemd", fpm.source());
        assertFalse(fpm.active());
        assertEquals("php8.2-fpm: failed (exit-code), 3 restarts", fpm.describe());

        ServiceState nginx = services.get(1);
        assertEquals("active", nginx.activeState());
        assertEquals(Optional.of(8497), nginx.mainPid());
        assertEquals(Optional.of(1795265217L), nginx.sinceEpoch());
        assertEquals("ps", nginx.source());
        assertTrue(nginx.active());
        assertEquals("nginx: active", nginx.describe());

        ServiceState app = services.get(2);
        assertEquals("gunicorn", app.unit());
        assertFalse(app.active());
        assertEquals(Optional.empty(), app.mainPid());
    }

    @Test
    void parsesRunningSystemdService() {
        ServiceState s = evidence(
                        "services",
                        "service=nginx|nginx|nginx\nActiveState=reloading\nSubState=reload\n"
                                + "Result=success\nNRestarts=0\nMainPID=812\n")
                .services()
                .get(0);

        assertTrue(s.active());
        assertEquals("nginx: reloading/reload", s.describe());
    }

    @Test
    void serviceLineWithoutKindOrUnitFallsBack() {
        ServiceState s = evidence("services", "service=redis\n").services().get(0);

        assertEquals("redis", s.name());
        assertEquals("other", s.kind());
        assertEquals("redis", s.unit());
        assertEquals("unknown", s.activeState());
    }

    @Test
    void parsesHostInfoFromMeta() {
        Evidence e = evidence(
                "meta",
                "now=1795265220\nlocaltime=2026/11/21 12:47:00\nhostname=vm\nkernel=Linux 6.1\n"
                        + "user=deploy\nnproc=2\ninit=systemd\n");

        HostInfo h = e.host();
        assertEquals(1795265220L, h.now());
        assertEquals(LocalDateTime.of(2026, 11, 21, 12, 47, 0), h.localTime());
        assertEquals("vm", h.hostname());
        assertEquals("deploy", h.user());
        assertEquals(2, h.cores());
        assertTrue(h.systemd());
    }

    @Test
    void parsesLogTailsWithYearFromServerClock() {
        Evidence e = evidence(
                "meta",
                "localtime=2027/01/01 00:05:00\n",
                "log-files",
                "nginx-error|/var/log/nginx/error.log|ok|120|1795265149\nphp-fpm|/var/log/php-fpm.log|missing|0|0\n",
                "log:nginx-error",
                "2026/12/31 23:59:58 [error] 1#1: upstream timed out\n\n",
                "oom",
                "Dec 31 23:50:00 vm kernel: Out of memory: Killed process 42 (php-fpm8.2)\n");

        LogTail nginx = e.logs().get("nginx-error");
        assertEquals("/var/log/nginx/error.log", nginx.path());
        assertEquals("ok", nginx.status());
        assertEquals(1, nginx.lines().size());
        assertEquals(
                Optional.of(LocalDateTime.of(2026, 12, 31, 23, 59, 58)),
                nginx.lines().get(0).time());
        assertFalse(nginx.truncated());
        assertEquals("missing", e.logs().get("php-fpm").status());
        assertTrue(e.logs().get("php-fpm").lines().isEmpty());
        assertEquals(1, e.oom().size());
        assertEquals("kernel", e.oom().get(0).source());
        assertEquals(
                Optional.of(LocalDateTime.of(2026, 12, 31, 23, 50, 0)),
                e.oom().get(0).time());
    }
}
