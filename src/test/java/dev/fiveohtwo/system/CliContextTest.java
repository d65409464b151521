package dev.fiveohtwo.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fiveohtwo.knowledge.EvidenceMatcher;
import io.micronaut.context.ApplicationContext;
import io.micronaut.inject.BeanDefinition;
import io.micronaut.json.JsonMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The short commands' context has what they use and none of the bot's machinery. */
class CliContextTest {
    @Test
    void startsNoDatabaseServerMetricsOrHealthMonitor() {
        try (ApplicationContext context = Contexts.cli()) {
            List<String> bot = context.getAllBeanDefinitions().stream()
                    .map(BeanDefinition::getBeanType)
                    .map(Class::getName)
                    .filter(n -> n.startsWith("io.micronaut.data")
                            || n.startsWith("io.micronaut.flyway")
                            || n.startsWith("io.micronaut.http")
                            || n.startsWith("io.micronaut.management")
                            || n.startsWith("io.micronaut.configuration.metrics")
                            || n.startsWith("io.micronaut.jdbc")
                            || n.startsWith("io.micronaut.scheduling")
                            || n.startsWith("dev.fiveohtwo.slack"))
                    .toList();
            assertEquals(List.of(), bot);
            assertTrue(context.getBeanDefinitions(javax.sql.DataSource.class).isEmpty());
        }
    }

    @Test
    void givesTheShortCommandsTheirBeans() {
        try (ApplicationContext context = Contexts.cli()) {
            assertEquals(300, context.getBean(CheckSettings.class).logLines());
            // a group is checked at once by default (Triage.poolSize), not a fixed handful at a time
            assertEquals(0, context.getBean(CheckSettings.class).parallelism());
            assertTrue(context.getBean(EvidenceMatcher.class) != null);
            assertEquals("{\"a\":1}", writeJson(context.getBean(JsonMapper.class)));
        }
    }

    @Test
    void assemblesTheTriageOfAnInventoryTheCommandsRead() {
        dev.fiveohtwo.inventory.Inventory inventory = new dev.fiveohtwo.inventory.InventoryLoader()
                .parse("test", String.join("\n", "servers:", "  box:", "    transport: local", ""));
        try (ApplicationContext context = Contexts.cli()) {
            dev.fiveohtwo.triage.Triage triage =
                    context.getBean(TriageAssembly.class).triage(inventory, 1);
            assertEquals(inventory.servers().get("box"), triage.server("box").orElseThrow());
            assertTrue(triage.server("web-01").isEmpty());
        }
    }

    private static String writeJson(JsonMapper json) {
        try {
            return json.writeValueAsString(java.util.Map.of("a", 1));
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }
}
