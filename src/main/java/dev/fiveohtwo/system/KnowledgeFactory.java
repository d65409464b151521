package dev.fiveohtwo.system;

import dev.fiveohtwo.knowledge.EvidenceMatcher;
import dev.fiveohtwo.knowledge.KnowledgeBase;
import dev.fiveohtwo.knowledge.KnowledgeLoader;
import dev.fiveohtwo.knowledge.RuleMatcher;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The knowledge base (built-in articles plus {@code fiveohtwo.knowledge.paths} and {@code fiveohtwo.knowledge.dirs},
 * which {@code FIVEOHTWO_KNOWLEDGE} sets) and its matcher.
 */
@Factory
final class KnowledgeFactory {

    @Singleton
    KnowledgeBase knowledgeBase(
            @Value("${fiveohtwo.knowledge.paths:}") List<String> paths,
            @Value("${fiveohtwo.knowledge.dirs:}") String dirs) {
        return KnowledgeLoader.load(extraDirs(paths, dirs));
    }

    @Singleton
    EvidenceMatcher matcher(KnowledgeBase kb, CheckSettings settings) {
        return new RuleMatcher(kb, settings.recency());
    }

    /** The {@code paths} list, then the {@code :}-separated {@code dirs} (the way PATH is written), each once. */
    static List<Path> extraDirs(List<String> configured, String separated) {
        List<Path> dirs = new ArrayList<>();
        configured.stream().filter(s -> !s.isBlank()).map(Path::of).forEach(dirs::add);
        if (separated != null) {
            Arrays.stream(separated.split(":"))
                    .filter(s -> !s.isBlank())
                    .map(Path::of)
                    .filter(p -> !dirs.contains(p))
                    .forEach(dirs::add);
        }
        return dirs;
    }
}
