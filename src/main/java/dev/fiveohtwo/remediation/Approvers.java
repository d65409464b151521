package dev.fiveohtwo.remediation;

/** Who may approve restarts: the configured user ids, and the members of the configured user groups. */
public interface Approvers {
    boolean contains(String userId);

    /** For messages: the approvers as Slack mentions ({@code <@U1>}, {@code <!subteam^S1>}). */
    String mentions();
}
