package dev.fiveohtwo.slack;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Every Slack {@code action_id} the bot puts on a button, in one place. These are a public interface:
 * {@code guide:<article-id>}, {@code recheck:<report-id>}, {@code raw:<report-id>} (the opaque id of a kept check), and for restarts
 * {@code restart:<opaque-id>}, {@code approve:<opaque-id>}, {@code deny:<opaque-id>}. A button value never
 * carries a command.
 */
final class ActionIds {
    static final String GUIDE = "guide:";
    static final String RECHECK = "recheck:";
    static final String RAW = "raw:";
    static final String RESTART = "restart:";
    static final String APPROVE = "approve:";
    static final String DENY = "deny:";
    static final Pattern GUIDE_PATTERN = Pattern.compile("^guide:[a-z0-9-]{1,64}$");
    /** A kept report's id: whatever the store makes it, within these characters; an unknown one is answered, not ignored. */
    static final Pattern RECHECK_PATTERN = Pattern.compile("^recheck:[A-Za-z0-9._:-]{1,100}$");

    static final Pattern RAW_PATTERN = Pattern.compile("^raw:[A-Za-z0-9._:-]{1,100}$");
    /** Any value after the prefix reaches the handler, so that a forged one is refused and audited, not ignored. */
    static final Pattern RESTART_PATTERN = Pattern.compile("^restart:.*$");

    static final Pattern APPROVE_PATTERN = Pattern.compile("^approve:.*$");
    static final Pattern DENY_PATTERN = Pattern.compile("^deny:.*$");

    private ActionIds() {}

    /** The part after the prefix, when {@code actionId} starts with it. */
    static Optional<String> argument(String actionId, String prefix) {
        return actionId != null && actionId.startsWith(prefix)
                ? Optional.of(actionId.substring(prefix.length()))
                : Optional.empty();
    }
}
