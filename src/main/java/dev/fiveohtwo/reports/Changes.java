package dev.fiveohtwo.reports;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * What differs between a server's last healthy check and the current one, in the words people use, leaving out
 * what moves all the time: memory counts only when it halves or doubles by more than {@value #MEMORY_KB} kB,
 * a disk when it moves 5 points or more (any point above 95%), restarts only when they went up, log error
 * classes only when they are new.
 */
public final class Changes {
    static final long MEMORY_KB = 64 * 1024;
    static final int DISK_POINTS = 5;
    static final int DISK_NEARLY_FULL = 95;
    /** New log error classes listed one by one; the rest are counted in one more line. */
    static final int MAX_NEW_LOG_CLASSES = 8;

    private static final String NOT_SEEN = "not seen";

    private Changes() {}

    /** The changes from {@code healthy} to {@code now}, the front first, the logs last; empty when none matters. */
    public static List<Change> between(StoredReport healthy, StoredReport now) {
        Map<String, String> was = healthy.facts();
        Map<String, String> is = now.facts();
        List<Change> out = new ArrayList<>();
        if (is.containsKey("front") && !is.get("front").equals(was.getOrDefault("front", is.get("front")))) {
            out.add(new Change("front", was.get("front"), is.get("front")));
        }
        for (String key : keys(was, is, "state:")) {
            state(was, is, key, "active")
                    .ifPresent(before -> out.add(
                            new Change(key.substring("state:".length()), before, is.getOrDefault(key, NOT_SEEN))));
        }
        for (String key : keys(was, is, "restarts:")) {
            Optional<Long> before = number(was.get(key));
            Optional<Long> after = number(is.get(key));
            if (before.isPresent() && after.isPresent() && after.get() > before.get()) {
                out.add(new Change(
                        key.substring("restarts:".length()) + " restarts",
                        before.get().toString(),
                        after.get().toString()));
            }
        }
        memory(number(was.get("memory:available")), number(is.get("memory:available")))
                .ifPresent(out::add);
        for (String key : keys(was, is, "disk:", "inodes:")) {
            Optional<Long> before = number(was.get(key));
            Optional<Long> after = number(is.get(key));
            if (before.isPresent() && after.isPresent() && disk(before.get(), after.get())) {
                String what = key.startsWith("disk:") ? "disk " + key.substring(5) : "inodes " + key.substring(7);
                out.add(new Change(what, before.get() + "%", after.get() + "%"));
            }
        }
        for (String key : keys(was, is, "container:")) {
            state(was, is, key, "up")
                    .ifPresent(before -> out.add(new Change(
                            "container " + key.substring("container:".length()),
                            before,
                            is.getOrDefault(key, NOT_SEEN))));
        }
        for (String key : keys(was, is, "upstream:")) {
            String target = key.substring("upstream:".length());
            if (!was.containsKey(key)) {
                out.add(new Change("upstream added", "", target));
            } else if (!is.containsKey(key)) {
                out.add(new Change("upstream gone", target, ""));
            }
        }
        List<String> fresh = keys(was, is, "log:").stream()
                .filter(Predicate.not(was::containsKey))
                .toList();
        fresh.stream()
                .limit(MAX_NEW_LOG_CLASSES)
                .forEach(k -> out.add(new Change("new in the logs", "", k.substring("log:".length()))));
        if (fresh.size() > MAX_NEW_LOG_CLASSES) {
            out.add(new Change("new in the logs", "", (fresh.size() - MAX_NEW_LOG_CLASSES) + " more error classes"));
        }
        return List.copyOf(out);
    }

    /**
     * The state before, when the state changed; a unit or container seen for the first time counts only when it is
     * not running ({@code running}): one that appears healthy is new in the inventory, not a change of the host.
     */
    private static Optional<String> state(Map<String, String> was, Map<String, String> is, String key, String running) {
        String before = was.getOrDefault(key, NOT_SEEN);
        String after = is.getOrDefault(key, NOT_SEEN);
        boolean appearedRunning = !was.containsKey(key) && after.equals(running);
        return before.equals(after) || appearedRunning ? Optional.empty() : Optional.of(before);
    }

    /** The keys of both maps with one of these prefixes, sorted. */
    private static TreeSet<String> keys(Map<String, String> a, Map<String, String> b, String... prefixes) {
        TreeSet<String> keys = new TreeSet<>();
        for (Map<String, String> m : List.of(a, b)) {
            for (String k : m.keySet()) {
                for (String p : prefixes) {
                    if (k.startsWith(p)) {
                        keys.add(k);
                    }
                }
            }
        }
        return keys;
    }

    private static Optional<Change> memory(Optional<Long> before, Optional<Long> after) {
        if (before.isEmpty() || after.isEmpty()) {
            return Optional.empty();
        }
        long b = before.get();
        long a = after.get();
        long low = Math.max(1, Math.min(a, b));
        boolean moved = Math.abs(a - b) >= MEMORY_KB && Math.max(a, b) >= 2 * low;
        return moved ? Optional.of(new Change("MemAvailable", size(b), size(a))) : Optional.empty();
    }

    private static boolean disk(long before, long after) {
        return Math.abs(after - before) >= DISK_POINTS
                || (before != after && Math.max(before, after) >= DISK_NEARLY_FULL);
    }

    /** kB as people say it: {@code 80 MB}, {@code 1.2 GB}. */
    static String size(long kb) {
        if (kb >= 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f GB", kb / (1024.0 * 1024.0));
        }
        return kb / 1024 + " MB";
    }

    private static Optional<Long> number(String s) {
        if (s == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.parseLong(s));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
