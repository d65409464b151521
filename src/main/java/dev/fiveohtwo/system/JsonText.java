package dev.fiveohtwo.system;

import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes what the CLI prints as JSON (reports, history, the audit trail): plain maps, lists and values, through
 * Jackson. Text from servers and from chat may hold a lone UTF-16 surrogate, which no UTF-8 can carry and which
 * Jackson would write as a broken string: each becomes U+FFFD first, so every line parses back.
 */
public final class JsonText {
    private JsonText() {}

    /** {@code tree} as one line of JSON, keys in the maps' own order. */
    public static String of(JsonMapper json, Object tree) throws IOException {
        return json.writeValueAsString(wellFormed(tree));
    }

    private static Object wellFormed(Object value) {
        if (value instanceof String s) {
            return wellFormed(s);
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> m = new LinkedHashMap<>();
            map.forEach((k, v) -> m.put(wellFormed(String.valueOf(k)), wellFormed(v)));
            return m;
        }
        if (value instanceof List<?> list) {
            List<Object> l = new ArrayList<>(list.size());
            list.forEach(v -> l.add(wellFormed(v)));
            return l;
        }
        return value;
    }

    static String wellFormed(String s) {
        StringBuilder out = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean pair =
                    Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
            if (pair) {
                if (out != null) {
                    out.append(c).append(s.charAt(i + 1));
                }
                i++;
            } else if (Character.isSurrogate(c)) {
                if (out == null) {
                    out = new StringBuilder(s.length()).append(s, 0, i);
                }
                out.append('\ufffd');
            } else if (out != null) {
                out.append(c);
            }
        }
        return out == null ? s : out.toString();
    }
}
