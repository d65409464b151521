package dev.fiveohtwo.slack;

import dev.fiveohtwo.inventory.Inventory;
import dev.fiveohtwo.knowledge.KnowledgeBase;
import dev.fiveohtwo.triage.Triage;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Set;

/** The bot, built once from the Slack settings, the inventory and the knowledge base. */
@Factory
final class SlackFactory {

    @Singleton
    @Bean(preDestroy = "close")
    SlackBot slackBot(SlackSettings settings, Inventory inventory, KnowledgeBase kb, Triage triage,
                      @Value("${fiveohtwo.slack.channels:}") List<String> channels,
                      @Value("${fiveohtwo.slack.workers:8}") int workers) {
        return new SlackBot(settings, inventory, kb, triage, Set.copyOf(channels.stream().filter(c -> !c.isBlank()).toList()), workers);
    }
}
