package dev.fiveohtwo.knowledge;

import java.util.List;

/** The knowledge base has problems; every one is listed. */
public final class KnowledgeException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient List<String> problems;

    KnowledgeException(List<String> problems) {
        super("knowledge base has " + problems.size() + " problem(s):\n  " + String.join("\n  ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
