package dev.fiveohtwo.remediation;

/** What a click on Restart, Approve or Deny came to. */
public sealed interface Outcome {
    /** The request waits for a second person. */
    record NeedsApproval(RestartRequest request) implements Outcome {
    }

    /** Approved (by this click): the caller runs it with {@link Remediation#execute}. */
    record Approved(RestartRequest request) implements Outcome {
    }

    /** Denied by this click. */
    record Denied(RestartRequest request) implements Outcome {
    }

    /** Nothing happens, and this says why (audited). */
    record Refused(String reason) implements Outcome {
    }
}
