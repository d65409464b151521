package dev.fiveohtwo.checks;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The collector's output split into named sections. A section starts at a line {@code ### <nonce> <name>};
 * lines that look like headers but carry another nonce are data. Each section's text is already masked by
 * {@link Redactor}: nothing built from it can carry a secret the redactor knows.
 *
 * @param text      section name to its text, in output order
 * @param truncated sections whose output reached the cap
 */
public record Sections(Map<String, String> text, Set<String> truncated) {
    /** The first line of a log section whose oldest lines the collector dropped to stay under the cap. */
    static final String CUT_MARKER = "[fiveohtwo: older lines cut]";

    private static final Pattern FIRST = Pattern.compile("(?m)^### (\\S+) header$");

    /** The text of a section, or empty when the collector did not print it. */
    public String get(String name) {
        return text.getOrDefault(name, "");
    }

    /** These sections with {@code name}'s text replaced; nothing else changes. */
    Sections with(String name, String replacement) {
        Map<String, String> copy = new LinkedHashMap<>(text);
        copy.put(name, replacement);
        return new Sections(Collections.unmodifiableMap(copy), truncated);
    }

    /** Whether the collector printed the section. */
    public boolean has(String name) {
        return text.containsKey(name);
    }

    /** Whether the output ended with the closing section, i.e. the script ran to its end. */
    public boolean complete() {
        return text.containsKey("end");
    }

    /**
     * Splits collector output. With {@code nonce} empty (recorded fixtures) the nonce is read from the
     * first header; with a nonce, any other one is ignored.
     *
     * @param capBytes the per-section cap the script applied; a section this long is marked truncated
     */
    public static Sections parse(String output, Optional<String> nonce, int capBytes) {
        String n = nonce.orElseGet(() -> {
            Matcher m = FIRST.matcher(output);
            return m.find() ? m.group(1) : "";
        });
        Map<String, String> sections = new LinkedHashMap<>();
        Set<String> truncated = new LinkedHashSet<>();
        if (n.isEmpty()) {
            return new Sections(Map.of(), Set.of());
        }
        String marker = "### " + n + " ";
        String name = null;
        StringBuilder body = new StringBuilder();
        for (String line : output.split("\n", -1)) {
            if (line.startsWith(marker) && line.length() > marker.length()) {
                close(sections, truncated, name, body, capBytes);
                name = line.substring(marker.length()).strip();
                body.setLength(0);
            } else if (name != null) {
                body.append(line).append('\n');
            }
        }
        close(sections, truncated, name, body, capBytes);
        return new Sections(Collections.unmodifiableMap(sections), Collections.unmodifiableSet(truncated));
    }

    private static void close(
            Map<String, String> sections, Set<String> truncated, String name, StringBuilder body, int cap) {
        if (name == null) {
            return;
        }
        String text = body.toString();
        // the script prints a newline before each header, so a section ends with one blank line too many
        while (text.endsWith("\n\n") || text.equals("\n")) {
            text = text.substring(0, text.length() - 1);
        }
        if (text.startsWith(CUT_MARKER)) {
            text = text.substring(Math.min(text.length(), CUT_MARKER.length() + 1));
            truncated.add(name);
        } else if (text.getBytes(StandardCharsets.UTF_8).length >= cap) {
            truncated.add(name);
        }
        // masked here, before any parser reads it: every report, saved file and message is built from this text
        sections.merge(name, Redactor.redact(text), String::concat);
    }

    /**
     * Bytes from a server as text: invalid UTF-8 becomes U+FFFD and control characters other than tab and
     * newline become U+FFFD too, so binary junk in a log cannot reach a terminal or a message as such.
     */
    public static String decode(byte[] bytes) {
        try {
            CharBuffer chars = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE)
                    .decode(ByteBuffer.wrap(bytes));
            StringBuilder out = new StringBuilder(chars.length());
            for (int i = 0; i < chars.length(); i++) {
                char c = chars.charAt(i);
                if (c == '\r') {
                    continue;
                }
                boolean control = (c < 0x20 && c != '\n' && c != '\t') || (c >= 0x7f && c < 0xa0);
                out.append(control ? '\uFFFD' : c);
            }
            return out.toString();
        } catch (CharacterCodingException e) {
            throw new IllegalStateException("a replacing decoder cannot fail", e);
        }
    }
}
