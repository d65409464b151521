package dev.fiveohtwo.inventory;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** Suggests known names close to a mistyped one (edit distance, or a shared prefix). */
public final class ClosestNames {
    private ClosestNames() {}

    /** At most {@code limit} names within a small edit distance of {@code typed}, closest first. */
    public static List<String> to(String typed, Collection<String> known, int limit) {
        String t = typed.toLowerCase(Locale.ROOT);
        int tolerance = Math.max(2, t.length() / 3);
        return known.stream()
                .map(k -> new Scored(k, distance(t, k.toLowerCase(Locale.ROOT))))
                .filter(s -> s.distance <= tolerance
                        || (t.length() >= 3 && s.name.toLowerCase(Locale.ROOT).startsWith(t)))
                .sorted(Comparator.comparingInt(Scored::distance).thenComparing(Scored::name))
                .limit(limit)
                .map(Scored::name)
                .toList();
    }

    private record Scored(String name, int distance) {}

    static int distance(String a, String b) {
        if (a.length() > 64 || b.length() > 64) {
            return Integer.MAX_VALUE;
        }
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] swap = prev;
            prev = cur;
            cur = swap;
        }
        return prev[b.length()];
    }
}
