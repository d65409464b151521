package dev.fiveohtwo.remediation;

import java.util.Optional;

/** What a click on Restart, Approve or Deny came to. */
public sealed interface Outcome {
    /** The request waits for a second person. */
    record NeedsApproval(RestartRequest request) implements Outcome {}

    /** Approved (by this click): the caller runs it with {@link Remediation#execute}. */
    record Approved(RestartRequest request) implements Outcome {}

    /** Denied by this click. */
    record Denied(RestartRequest request) implements Outcome {}

    /**
     * Nothing happens, and this says why (audited). The words name no one: who is meant is data, for the chat
     * side to name its own way.
     *
     * @param kind      {@link Kind#NOT_AN_APPROVER}: the clicker may not do this, only an approver may;
     *                  {@link Kind#ALREADY_DECIDED}: someone got there first ({@code decidedBy}, when known)
     * @param decidedBy the user id who moved the request to its present state
     */
    record Refused(String reason, Kind kind, Optional<String> decidedBy) implements Outcome {
        public Refused(String reason) {
            this(reason, Kind.OTHER, Optional.empty());
        }

        /** What kind of refusal this is, so that it can be worded with the people it concerns. */
        public enum Kind {
            OTHER,
            NOT_AN_APPROVER,
            ALREADY_DECIDED
        }
    }
}
