package dev.fiveohtwo.remediation;

import dev.fiveohtwo.audit.Audit;
import dev.fiveohtwo.inventory.Inventory;
import dev.fiveohtwo.ssh.Executor;
import dev.fiveohtwo.triage.Triage;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.time.Clock;

/** Remediation for the bot, on the database the {@code bot} environment configures. */
@Factory
final class RemediationFactory {

    @Singleton
    Remediation remediation(
            RestartRequestRepository repository,
            Audit audit,
            RemediationSettings settings,
            Approvers approvers,
            Inventory inventory,
            Triage triage,
            Executor executor) {
        return new Remediation(repository, audit, settings, approvers, inventory, triage, executor, Clock.systemUTC());
    }
}
