package dev.fiveohtwo.checks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** PM2, supervisord and Docker output as service states, in systemd's words. */
class ManagedServicesTest {
    private static final String APP =
            "{\"pid\":%d,\"name\":\"%s\",\"pm2_env\":{\"status\":\"%s\",\"restart_time\":%d,\"pm_uptime\":1795264980112,"
                    + "\"exit_code\":%d,\"env\":{\"PATH\":\"/usr/bin\",\"nested\":{\"a\":[1,2]}}},\"monit\":{\"memory\":%d,\"cpu\":3}}";

    @Test
    void mapsPm2StatusesToSystemdWordsWithRestartsUptimeAndMemory() {
        Map<String, ManagedServices.State> apps =
                ManagedServices.pm2("[" + String.format(APP, 4211, "api", "online", 2, 0, 94371840) + ","
                        + String.format(APP, 0, "worker", "errored", 15, 1, 0) + "]");

        ManagedServices.State api = apps.get("api");
        assertEquals("active", api.activeState());
        assertEquals(Optional.empty(), api.restarts(), "restart_time of an app that is up counts deploys too");
        assertEquals(Optional.of(1795264980L), api.sinceEpoch());
        assertEquals(Optional.of(4211), api.mainPid());
        assertEquals(Optional.of(94371840L), api.memoryBytes());
        ManagedServices.State worker = apps.get("worker");
        assertEquals("failed", worker.activeState());
        assertEquals("errored", worker.subState());
        assertEquals("exit-code 1", worker.result());
        assertEquals(Optional.of(15), worker.restarts());
        assertEquals(Optional.empty(), worker.sinceEpoch());
    }

    @Test
    void keepsThePm2AppsBeforeACutInTheMiddleOfTheList() {
        String whole = "[" + String.format(APP, 1, "a", "online", 0, 0, 1) + ","
                + String.format(APP, 2, "b", "stopped", 0, 0, 1) + "," + String.format(APP, 3, "c", "online", 0, 0, 1)
                + "]";
        String cut = whole.substring(0, whole.lastIndexOf("\"pm2_env\""));

        assertEquals(Set.of("a", "b"), ManagedServices.pm2(cut).keySet());
        assertEquals("inactive", ManagedServices.pm2(cut).get("b").activeState());
        assertEquals(
                Set.of("a", "b"),
                ManagedServices.pm2(ManagedServices.withoutEnvironment(cut)).keySet());
    }

    @Test
    void keepsNoPm2EnvironmentInTheRawOutputButAllItReads() {
        String jlist = "["
                + String.format(APP, 4211, "api", "online", 2, 0, 94371840)
                        .replace("\"PATH\":\"/usr/bin\"", "\"PATH\":\"/usr/bin\",\"SHOP_CUSTOMER_LIST\":\"alice,bob\"")
                + "]";
        Sections s = Sections.parse(
                "### n header\n### n services\nservice=api|app|api\nManager=pm2\n### n pm2\n" + jlist + "\n",
                Optional.of("n"),
                65536);

        Evidence e = Evidence.from(s);

        assertFalse(e.raw().get("pm2").contains("SHOP_CUSTOMER_LIST"), e.raw().get("pm2"));
        assertFalse(e.raw().get("pm2").contains("/usr/bin"), e.raw().get("pm2"));
        assertEquals(
                ManagedServices.pm2(jlist), ManagedServices.pm2(e.raw().get("pm2")), "what is kept reads the same");
        assertEquals("active", e.services().get(0).activeState());
    }

    @Test
    void readsNothingFromPm2OutputThatIsNoJson() {
        assertEquals(Map.of(), ManagedServices.pm2("(pm2: no daemon for deploy)"));
    }

    @Test
    void readsSupervisordUptimeAsTheStartAndItsFailuresAsTheResult() {
        long now = 1_795_265_220L;
        Map<String, ManagedServices.State> programs = ManagedServices.supervisord(
                String.join(
                        "\n",
                        "worker                           RUNNING   pid 2211, uptime 3 days, 1:02:03",
                        "shop                             FATAL     Exited too quickly (process log may have details)",
                        "queue:queue_00                   BACKOFF   Exited too quickly (process log may have details)",
                        "unix:///var/run/supervisor.sock refused connection"),
                now);

        assertEquals(
                Optional.of(now - (3 * 86400 + 3723)), programs.get("worker").sinceEpoch());
        assertEquals(Optional.of(2211), programs.get("worker").mainPid());
        assertEquals("failed", programs.get("shop").activeState());
        assertEquals(
                "Exited too quickly (process log may have details)",
                programs.get("shop").result());
        assertEquals("activating", programs.get("queue:queue_00").activeState());
        assertEquals(3, programs.size());
    }

    @Test
    void findsAProgramOfASupervisordGroupByTheGroupsName() {
        Sections s = Sections.parse(
                "### n header\n### n supervisord\nqueue:queue_00   BACKOFF   Exited too quickly\n",
                Optional.of("n"),
                65536);

        assertEquals(
                "backoff",
                ManagedServices.parse(s, 0)
                        .of("supervisord", "queue")
                        .orElseThrow()
                        .subState());
    }

    @Test
    void saysAContainerKilledForMemoryWasOomKilledAndAnUnhealthyOneIsStillUp() {
        Map<String, ManagedServices.State> containers = ManagedServices.docker(
                String.join(
                        "\n",
                        "/api|restarting|4|true|137||2026-11-21T12:46:10.512345678Z|0",
                        "/web|running|0|false|0|unhealthy|2026-11-20T08:00:00Z|4242",
                        "/old|exited|0|false|0||0001-01-01T00:00:00Z|0",
                        "Error: No such object: gone"),
                1_795_265_220L);

        assertEquals("oom-kill", containers.get("api").result());
        assertEquals("activating", containers.get("api").activeState());
        assertEquals(Optional.of(4), containers.get("api").restarts());
        assertEquals("active", containers.get("web").activeState());
        assertEquals("unhealthy", containers.get("web").subState());
        assertEquals(Optional.of(1795161600L), containers.get("web").sinceEpoch());
        assertEquals(
                Optional.empty(),
                containers.get("web").restarts(),
                "restarts of a container up for a day say nothing of now");
        assertEquals("inactive", containers.get("old").activeState());
        assertEquals(Set.of("api", "web", "old"), containers.keySet());
    }

    @Test
    void aServiceItsManagerDidNotReportIsUnknownRatherThanDown() {
        Sections s = Sections.parse(
                "### n header\n### n meta\nnow=1795265220\n### n services\nservice=api|app|api\nManager=pm2\n"
                        + "### n pm2\n(pm2: no daemon for deploy)\n",
                Optional.of("n"),
                65536);

        ServiceState api = Evidence.from(s).services().get(0);

        assertEquals("unknown", api.activeState());
        assertEquals("pm2", api.source());
        assertTrue(api.describe().contains("pm2 did not report it"), api.describe());
    }

    @Test
    void describesAManagedServiceWithItsManagerAndMemory() {
        Sections s = Sections.parse(
                "### n header\n### n services\nservice=api|app|api\nManager=pm2\n### n pm2\n["
                        + String.format(APP, 4211, "api", "online", 3, 0, 94371840)
                                .replace("\"restart_time\":3", "\"restart_time\":3,\"unstable_restarts\":3")
                        + "]\n",
                Optional.of("n"),
                65536);

        assertEquals(
                List.of("api: active/online, 3 restarts, 90 MB [pm2]"),
                Evidence.from(s).services().stream().map(ServiceState::describe).toList());
    }
}
