package dev.fiveohtwo.system;

import dev.fiveohtwo.knowledge.KnowledgeBase;
import dev.fiveohtwo.knowledge.KnowledgeLoader;
import dev.fiveohtwo.knowledge.EvidenceMatcher;
import dev.fiveohtwo.knowledge.RuleMatcher;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The knowledge base (built-in articles plus {@code fiveohtwo.knowledge.paths} and {@code FIVEOHTWO_KNOWLEDGE}) and its matcher. */
@Factory
final class KnowledgeFactory {

    @Singleton
    KnowledgeBase knowledgeBase(@Value("${fiveohtwo.knowledge.paths:}") List<String> paths) {
        return KnowledgeLoader.load(extraDirs(paths, System.getenv("FIVEOHTWO_KNOWLEDGE")));
    }

    @Singleton
    EvidenceMatcher matcher(KnowledgeBase kb, CheckSettings settings) {
        return new RuleMatcher(kb, settings.recency());
    }

    static List<Path> extraDirs(List<String> configured, String env) {
        List<Path> dirs = new ArrayList<>();
        configured.stream().filter(s -> !s.isBlank()).map(Path::of).forEach(dirs::add);
        if (env != null) {
            Arrays.stream(env.split(":")).filter(s -> !s.isBlank()).map(Path::of).filter(p -> !dirs.contains(p)).forEach(dirs::add);
        }
        return dirs;
    }
}
