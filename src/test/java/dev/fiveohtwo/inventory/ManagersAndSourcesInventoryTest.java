package dev.fiveohtwo.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The inventory's {@code manager}, {@code depends-on} and the logs that are not files. */
class ManagersAndSourcesInventoryTest {
    private final InventoryLoader loader = new InventoryLoader(Path.of("/nonexistent-home"));

    private Server server(String body) {
        return loader.parse("inv.yml", "servers:\n  web:\n    host: 10.0.0.1\n" + body)
                .servers()
                .get("web");
    }

    private String rejects(String body) {
        return assertThrows(
                        InventoryException.class,
                        () -> loader.parse("inv.yml", "servers:\n  web:\n    host: 10.0.0.1\n" + body))
                .getMessage();
    }

    @Test
    void buildsTheRestartCommandFromTheManagerAndTheUnitAlone() {
        Server s = server(String.join(
                "\n",
                "    services:",
                "      api:    { kind: app, manager: pm2, restart: true }",
                "      shop:   { kind: app, manager: supervisord, unit: 'shop:web', restart: true }",
                "      web:    { kind: container, manager: docker, unit: shop-web-1, restart: true }",
                "      myapp:  { kind: app, restart: true }",
                "      legacy: { kind: app, restart: 'sudo /usr/local/bin/restart-legacy' }",
                ""));

        assertEquals(Optional.of("pm2 restart api"), s.services().get("api").restart());
        assertEquals(
                Optional.of("sudo -n supervisorctl restart shop:web"),
                s.services().get("shop").restart());
        assertEquals(
                Optional.of("docker restart shop-web-1"),
                s.services().get("web").restart());
        assertEquals(
                Optional.of("sudo -n systemctl restart myapp"),
                s.services().get("myapp").restart());
        assertEquals(
                Optional.of("sudo /usr/local/bin/restart-legacy"),
                s.services().get("legacy").restart());
        assertEquals(
                List.of(Manager.PM2, Manager.SUPERVISORD, Manager.DOCKER, Manager.SYSTEMD, Manager.SYSTEMD),
                s.services().values().stream().map(Service::manager).toList());
    }

    @Test
    void refusesAManagedNameThatItsToolWouldReadAsAnOption() {
        String msg = rejects("    services:\n      web: { kind: container, manager: docker, unit: '-Hevil' }\n");

        assertTrue(msg.contains("web.services.web.unit: a docker name starts with a letter or digit"), msg);
    }

    @Test
    void offersNoRestartWhenRestartIsFalse() {
        assertEquals(
                Optional.empty(),
                server("    services:\n      api: { kind: app, manager: pm2, restart: false }\n")
                        .services()
                        .get("api")
                        .restart());
    }

    @Test
    void refusesAnUnknownManagerNamingTheOnesThereAre() {
        String msg = rejects("    services:\n      api: { kind: app, manager: forever }\n");

        assertTrue(
                msg.startsWith(
                        "inv.yml:5: web.services.api.manager: 'forever' is not one of [systemd, pm2, supervisord, docker]"),
                msg);
    }

    @Test
    void refusesAHandWrittenRestartThatGoesAroundTheManager() {
        String msg = rejects(
                "    services:\n      api: { kind: app, manager: pm2, restart: 'sudo systemctl restart api' }\n");

        assertTrue(msg.contains("web.services.api.restart: a pm2 service restarts through pm2"), msg);
        assertTrue(msg.contains("'pm2 restart api'"), msg);
    }

    @Test
    void acceptsAHandWrittenRestartThroughTheManager() {
        assertEquals(
                Optional.of("sudo -u deploy pm2 restart api --update-env"),
                server(
                                "    services:\n      api: { kind: app, manager: pm2, restart: 'sudo -u deploy pm2 restart api --update-env' }\n")
                        .services()
                        .get("api")
                        .restart());
    }

    @Test
    void readsTheJournalAndContainersAsLogSources() {
        Server s = server(
                "    logs:\n      app: 'journal: myapp.service'\n      php-fpm: docker:php\n      audit: /var/log/audit/audit.log\n");

        assertEquals(
                Map.of("app", "journal:myapp.service", "php-fpm", "docker:php", "audit", "/var/log/audit/audit.log"),
                s.logs());
    }

    @ParameterizedTest
    @ValueSource(strings = {"'journal: $(reboot)'", "'docker: a b'", "'journal:'", "'docker: -H=tcp://elsewhere'"})
    void refusesAJournalOrContainerLogThatNamesNoUnit(String value) {
        String msg = rejects("    logs:\n      app: " + value + "\n");

        assertTrue(msg.contains("web.logs.app: ") && msg.contains("take a unit or container name"), msg);
    }

    @Test
    void readsDependenciesAsHostAndPortOnceEach() {
        Server s = server("    depends-on: [127.0.0.1:5432, 'redis.internal:6379', '[::1]:11211', 127.0.0.1:5432]\n");

        assertEquals(List.of("127.0.0.1:5432", "redis.internal:6379", "[::1]:11211"), s.dependsOn());
    }

    @Test
    void takesDependenciesFromTheDefaults() {
        Server s = loader.parse("inv.yml", "defaults:\n  depends-on: [db:5432]\nservers:\n  web: { host: a }\n")
                .servers()
                .get("web");

        assertEquals(List.of("db:5432"), s.dependsOn());
    }

    @ParameterizedTest
    @ValueSource(strings = {"db", "db:0", "db:65536", "'db:5432; reboot'", "'a b:1'", "http://db:5432"})
    void refusesADependencyThatIsNotHostAndPort(String value) {
        String msg = rejects("    depends-on: [" + value + "]\n");

        assertTrue(msg.startsWith("inv.yml:4: web.depends-on: "), msg);
        assertTrue(msg.contains("is not host:port"), msg);
    }
}
