package dev.fiveohtwo.system;

import dev.fiveohtwo.inventory.Inventory;
import dev.fiveohtwo.knowledge.KnowledgeBase;
import io.micronaut.context.annotation.Requires;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.AbstractHealthIndicator;
import io.micronaut.management.health.indicator.annotation.Readiness;
import jakarta.inject.Singleton;
import java.util.Map;

/** Ready when the inventory and the knowledge base are loaded (the database has Micronaut's own indicator). */
@Singleton
@Readiness
@Requires(env = "bot")
final class BotReadiness extends AbstractHealthIndicator<Map<String, Object>> {
    private final Inventory inventory;
    private final KnowledgeBase kb;

    BotReadiness(Inventory inventory, KnowledgeBase kb) {
        this.inventory = inventory;
        this.kb = kb;
    }

    @Override
    protected Map<String, Object> getHealthInformation() {
        healthStatus = inventory.servers().isEmpty() || kb.causes().isEmpty() ? HealthStatus.DOWN : HealthStatus.UP;
        return Map.of(
                "servers", inventory.servers().size(), "articles", kb.articles().size());
    }

    @Override
    protected String getName() {
        return "fiveohtwo";
    }
}
