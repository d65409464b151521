package dev.fiveohtwo.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.fiveohtwo.inventory.InventoryLoader;
import dev.fiveohtwo.inventory.Server;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which servers an alert names, in the documented order. */
class AlertTargetsTest {
    final AlertTargets targets = new AlertTargets(new InventoryLoader()
            .parse(
                    "test",
                    String.join(
                            "\n",
                            "defaults: { transport: local }",
                            "servers:",
                            "  web-01: { host: web-01.internal, port: 2200, groups: [web], front-url: \"https://shop.example.com/\" }",
                            "  web-02: { host: 10.0.0.12, groups: [web] }",
                            "  billing-01: { alert-labels: { service: billing, env: prod } }",
                            "")));

    private List<String> names(Map<String, String> labels) {
        AlertTargets.Servers s = assertInstanceOf(AlertTargets.Servers.class, targets.match(labels));
        return s.servers().stream().map(Server::name).toList();
    }

    @Test
    void theServerOrGroupLabelComesBeforeTheInstance() {
        assertEquals(List.of("web-02"), names(Map.of("fiveohtwo_server", "web-02", "instance", "web-01")));
        assertEquals(List.of("web-01", "web-02"), names(Map.of("fiveohtwo_group", "web", "instance", "web-01")));
    }

    @Test
    void anUnknownServerLabelFallsBackToTheInstance() {
        assertEquals(List.of("web-01"), names(Map.of("fiveohtwo_server", "web-99", "instance", "web-01")));
    }

    @Test
    void theInstanceIsMatchedAsNameFrontUrlHostOrHostWithAnyPort() {
        assertEquals(List.of("web-01"), names(Map.of("instance", "web-01")));
        assertEquals(List.of("web-01"), names(Map.of("instance", "https://SHOP.example.com")));
        assertEquals(List.of("web-01"), names(Map.of("instance", "web-01.internal")));
        assertEquals(List.of("web-01"), names(Map.of("instance", "web-01.internal:2200")));
        assertEquals(List.of("web-02"), names(Map.of("instance", "10.0.0.12:9100")));
    }

    @Test
    void aFrontUrlWithAnotherPathOrPortIsNotTheSameFront() {
        assertInstanceOf(
                AlertTargets.Nothing.class, targets.match(Map.of("instance", "https://shop.example.com/admin")));
        assertInstanceOf(
                AlertTargets.Nothing.class, targets.match(Map.of("instance", "https://shop.example.com:8443/")));
        assertInstanceOf(AlertTargets.Nothing.class, targets.match(Map.of("instance", "10.0.0.12:not-a-port")));
    }

    @Test
    void alertLabelsNameAServerWhenAllOfThemMatch() {
        assertEquals(
                List.of("billing-01"), names(Map.of("service", "billing", "env", "prod", "instance", "10.1.1.1:9100")));
        AlertTargets.Nothing none = assertInstanceOf(
                AlertTargets.Nothing.class, targets.match(Map.of("service", "billing", "env", "staging")));
        assertEquals("staging", none.labels().get("env"));
    }
}
