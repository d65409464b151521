package dev.fiveohtwo.knowledge;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Every article, built-in and added by the team, validated as a whole. */
public final class KnowledgeBase {
    private final Map<String, Article> byId;

    KnowledgeBase(List<Article> articles) {
        Map<String, Article> m = new LinkedHashMap<>();
        articles.forEach(a -> m.put(a.id(), a));
        this.byId = java.util.Collections.unmodifiableMap(m);
    }

    public List<Article> articles() {
        return List.copyOf(byId.values());
    }

    /** Articles with match rules. */
    public List<Article> causes() {
        return byId.values().stream().filter(a -> !a.guide()).toList();
    }

    public Optional<Article> article(String id) {
        return Optional.ofNullable(byId.get(id));
    }
}
