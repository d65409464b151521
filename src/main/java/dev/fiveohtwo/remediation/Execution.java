package dev.fiveohtwo.remediation;

import dev.fiveohtwo.triage.Report;
import java.util.Optional;

/**
 * The end of an approved restart.
 *
 * @param request as it ended (succeeded, failed, not-needed, dry-run)
 * @param before  the check just before running (the precondition)
 * @param after   the check after the command, when it ran
 */
public record Execution(RestartRequest request, Report before, Optional<Report> after) {}
