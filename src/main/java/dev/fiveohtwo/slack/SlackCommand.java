package dev.fiveohtwo.slack;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** What a user asked for with {@code /502 ...}. Parsing never fails: anything else is {@link Unknown}. */
sealed interface SlackCommand {
    int MAX_TEXT = 500;

    record Check(String target) implements SlackCommand {}

    record Servers(String group) implements SlackCommand {}

    record Guides(String words) implements SlackCommand {}

    record Guide(String id) implements SlackCommand {}

    record History(String server) implements SlackCommand {}

    record Help() implements SlackCommand {}

    record Unknown(String word) implements SlackCommand {}

    /** Parses the text after {@code /502}. */
    static SlackCommand parse(String text) {
        String t = text == null ? "" : text.strip();
        if (t.length() > MAX_TEXT) {
            t = t.substring(0, MAX_TEXT);
        }
        List<String> words =
                Arrays.stream(t.split("\\s+")).filter(w -> !w.isEmpty()).toList();
        if (words.isEmpty()) {
            return new Help();
        }
        String rest = words.size() > 1 ? String.join(" ", words.subList(1, words.size())) : "";
        switch (words.get(0).toLowerCase(Locale.ROOT)) {
            case "check":
                return words.size() == 2 ? new Check(words.get(1)) : new Unknown(t);
            case "servers":
                return new Servers(rest);
            case "guides":
                return new Guides(rest);
            case "guide":
                return words.size() == 2 ? new Guide(words.get(1)) : new Unknown(t);
            case "history":
                return new History(rest);
            case "help":
                return new Help();
            default:
                return new Unknown(words.get(0));
        }
    }
}
