package dev.fiveohtwo.remediation;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

/**
 * A restart the bot offered or was asked for. {@code id} is the opaque random value of the buttons; the
 * command is copied from the inventory when the offer is made and shown in full to the approver.
 *
 * @param evidenceHash SHA-256 of the evidence lines the offer was made from, so an approver sees what they approve
 * @param approvalTs   the Slack message that asks for approval, once requested
 */
@MappedEntity("restart_request")
public record RestartRequest(
        @Id String id,
        String server,
        String service,
        String finding,
        String command,
        String evidenceHash,
        @Nullable String channelId,
        @Nullable String messageTs,
        @Nullable String approvalTs,
        @Nullable String requester,
        @Nullable String approver,
        String state,
        Instant createdAt,
        Instant updatedAt,
        Instant expiresAt,
        @Nullable Integer exitStatus,
        @Nullable String outputTail,
        @Nullable Long durationMs) {

    public RestartState status() {
        return RestartState.of(state);
    }
}
