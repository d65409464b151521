/**
 * Restarts with approval, exactly once: restart requests as a state machine in the database, the approval
 * policy, and the execution of the inventory's restart command followed by a re-check.
 */
package dev.fiveohtwo.remediation;
