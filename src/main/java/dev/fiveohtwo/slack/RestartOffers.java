package dev.fiveohtwo.slack;

import dev.fiveohtwo.inventory.Server;
import dev.fiveohtwo.remediation.Remediation;
import dev.fiveohtwo.triage.Report;
import dev.fiveohtwo.triage.Triage;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;

/** The restart buttons of a findings message: one offer per finding shown that names a restart, tied to the message. */
@Singleton
final class RestartOffers {
    private final Triage triage;
    private final Remediation remediation;

    RestartOffers(Triage triage, Remediation remediation) {
        this.triage = triage;
        this.remediation = remediation;
    }

    /** Offers by finding id for {@code r} shown in the message {@code channelId}/{@code ts}; none for an unknown server. */
    Map<String, Map<String, String>> of(Report r, String channelId, String ts) {
        Map<String, Map<String, String>> offers = new LinkedHashMap<>();
        Server server = triage.server(r.server()).orElse(null);
        if (server == null) {
            return offers;
        }
        r.findings().stream()
                .limit(SlackViews.MAX_FINDINGS)
                .filter(f -> !f.restart().isEmpty())
                .forEach(f -> offers.put(f.id(), remediation.offer(server, f, channelId, ts)));
        return offers;
    }
}
