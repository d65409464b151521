package dev.fiveohtwo.knowledge;

import java.util.Map;
import java.util.regex.Pattern;

/** One line of an article's {@code match:} list. */
public sealed interface Rule {
    /** How much this rule adds to the confidence when it fires, in (0, 1]. */
    double weight();

    /** Why it matters, in a few words for people. */
    String says();

    /** When true, the article cannot fire without this rule. */
    boolean required();

    /** When true, the rule adds confidence but cannot make a finding on its own (a restart a while ago, a low limit). */
    boolean supporting();

    /** Whether this rule, firing, is enough to raise a finding. */
    default boolean decisive() {
        return !supporting() && !(this instanceof SignalRule s && s.signal().symptomOnly());
    }

    /** A regular expression over the lines of a log ({@code nginx-error}, {@code php-fpm}, {@code app}, {@code kernel}, {@code any}). */
    record LogRule(String source, Pattern pattern, double weight, String says, boolean required, boolean supporting)
            implements Rule {}

    /** A fact computed from the evidence, with its parameters. */
    record SignalRule(
            Signal signal, Map<String, Object> with, double weight, String says, boolean required, boolean supporting)
            implements Rule {}
}
