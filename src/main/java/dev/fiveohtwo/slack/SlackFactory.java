package dev.fiveohtwo.slack;

import dev.fiveohtwo.audit.Audit;
import dev.fiveohtwo.inventory.Inventory;
import dev.fiveohtwo.remediation.Approvers;
import dev.fiveohtwo.remediation.Remediation;
import dev.fiveohtwo.remediation.RemediationSettings;
import dev.fiveohtwo.system.BotMetrics;
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
    Approvers approvers(SlackSettings settings, RemediationSettings remediation) {
        return new SlackApprovers(settings.client().methods(settings.botToken()), remediation.approvers());
    }

    @Singleton
    @Bean(preDestroy = "close")
    SlackBot slackBot(SlackSettings settings, Inventory inventory, KnowledgeBase kb, Triage triage, Remediation remediation, Audit audit,
                      Deliveries deliveries, BotMetrics metrics,
                      @Value("${fiveohtwo.slack.channels:}") List<String> channels,
                      @Value("${fiveohtwo.slack.workers:8}") int workers) {
        return new SlackBot(settings, inventory, kb, triage, remediation, audit, deliveries, metrics, Set.copyOf(channels.stream().filter(c -> !c.isBlank()).toList()), workers);
    }
}
