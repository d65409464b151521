package dev.fiveohtwo.remediation;

/**
 * Who may approve restarts: the configured user ids, and the members of the configured user groups
 * ({@link RemediationSettings#approvers()} lists them as configured).
 */
public interface Approvers {
    boolean contains(String userId);
}
