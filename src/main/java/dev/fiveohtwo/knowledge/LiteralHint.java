package dev.fiveohtwo.knowledge;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Text that every match of a regular expression must contain, found without running it: a cheap
 * {@code contains} that rules out most log lines before the regex runs. Conservative: when in doubt,
 * there is no hint and the regex always runs.
 *
 * @param anyOf      a match contains at least one of these (one per top-level alternative)
 * @param ignoreCase compare lower-cased ({@code (?i)} at the start of the pattern)
 */
record LiteralHint(List<String> anyOf, boolean ignoreCase) {
    private static final int MIN = 4;
    private static final String META = ".[]{}()*+?|^$\\";

    boolean mayMatch(String line, String lowerLine) {
        String text = ignoreCase ? lowerLine : line;
        for (String s : anyOf) {
            if (text.contains(s)) {
                return true;
            }
        }
        return false;
    }

    static Optional<LiteralHint> of(String regex) {
        boolean ignoreCase = false;
        String r = regex;
        if (r.startsWith("(?i)")) {
            ignoreCase = true;
            r = r.substring(4);
        }
        if (r.contains("(?") || r.contains("\\Q") || r.contains("\\E")) {
            return Optional.empty();
        }
        List<String> hints = new ArrayList<>();
        for (String branch : topLevelBranches(r)) {
            Optional<String> h = longestLiteral(branch);
            if (h.isEmpty()) {
                return Optional.empty();
            }
            hints.add(ignoreCase ? h.get().toLowerCase(Locale.ROOT) : h.get());
        }
        return Optional.of(new LiteralHint(List.copyOf(hints), ignoreCase));
    }

    /** The pattern split at {@code |} outside groups and classes. */
    private static List<String> topLevelBranches(String r) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        boolean inClass = false;
        int start = 0;
        for (int i = 0; i < r.length(); i++) {
            char c = r.charAt(i);
            if (c == '\\') {
                i++;
            } else if (inClass) {
                inClass = c != ']';
            } else if (c == '[') {
                inClass = true;
            } else if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == '|' && depth == 0) {
                out.add(r.substring(start, i));
                start = i + 1;
            }
        }
        out.add(r.substring(start));
        return out;
    }

    /** The longest run of literal characters outside groups and classes that no quantifier makes optional. */
    private static Optional<String> longestLiteral(String branch) {
        String best = "";
        StringBuilder run = new StringBuilder();
        int i = 0;
        while (i < branch.length()) {
            char c = branch.charAt(i);
            String literal = null;
            int next = i + 1;
            if (c == '\\' && i + 1 < branch.length()) {
                char e = branch.charAt(i + 1);
                next = i + 2;
                if (META.indexOf(e) >= 0 || e == '/' || e == '"' || e == '-' || e == ':' || e == '#' || e == ' ') {
                    literal = String.valueOf(e);
                }
            } else if (c == '(' || c == '[') {
                next = skipGroup(branch, i);
            } else if (META.indexOf(c) < 0) {
                literal = String.valueOf(c);
            }
            char after = next < branch.length() ? branch.charAt(next) : 0;
            boolean optional = after == '?' || after == '*' || after == '{';
            if (literal != null && after == '+') {
                // at least one: the character is required, but what follows may come after repeats of it
                run.append(literal);
                if (run.length() > best.length()) {
                    best = run.toString();
                }
                run.setLength(0);
                next++;
            } else if (literal != null && !optional) {
                run.append(literal);
            } else {
                if (run.length() > best.length()) {
                    best = run.toString();
                }
                run.setLength(0);
            }
            i = next;
        }
        if (run.length() > best.length()) {
            best = run.toString();
        }
        return best.length() >= MIN ? Optional.of(best) : Optional.empty();
    }

    private static int skipGroup(String r, int start) {
        char open = r.charAt(start);
        char close = open == '(' ? ')' : ']';
        int depth = 0;
        for (int i = start; i < r.length(); i++) {
            char c = r.charAt(i);
            if (c == '\\') {
                i++;
            } else if (open == '[' && c == ']' && i > start) {
                return i + 1;
            } else if (open == '(' && c == '(') {
                depth++;
            } else if (open == '(' && c == close) {
                depth--;
                if (depth == 0) {
                    return i + 1;
                }
            }
        }
        return r.length();
    }
}
