package dev.fiveohtwo.knowledge;

import java.util.List;
import java.util.Optional;

/**
 * One article of the knowledge base: a cause of 502s (with match rules) or a guide (without).
 *
 * @param severity empty for guides
 * @param restart  service kinds whose restart can fix the cause
 * @param explains ids of causes this one explains (a root cause groups them under itself)
 * @param condition a host condition (load, memory pressure): circumstance, never proof of a cause, so its
 *                  findings are shown as "also seen" and never outrank or group a cause
 * @param body     the Markdown after the front matter
 * @param origin   where it was read from, for messages
 */
public record Article(
        String id,
        boolean guide,
        String title,
        Optional<Severity> severity,
        String summary,
        List<String> restart,
        List<String> related,
        List<String> explains,
        boolean condition,
        List<Rule> rules,
        String body,
        String origin) {}
