package dev.fiveohtwo.knowledge;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Loads the articles shipped in the jar (under {@code knowledge/}) and those in extra folders, and checks
 * them together: unique ids, resolvable {@code related}/{@code explains}.
 */
public final class KnowledgeLoader {
    private static final String BUILT_IN = "knowledge";
    private static final long MAX_ARTICLE = 256 * 1024;

    private KnowledgeLoader() {}

    /** The built-in articles plus those in {@code extraDirs}. */
    public static KnowledgeBase load(List<Path> extraDirs) {
        List<String> problems = new ArrayList<>();
        KnowledgeBase kb = read(true, extraDirs, problems);
        if (!problems.isEmpty()) {
            throw new KnowledgeException(problems);
        }
        return kb;
    }

    /**
     * Every problem of the built-in articles together with the given folders, as {@link #load} reads them: an extra
     * article may refer to a built-in one, and must not reuse its id.
     */
    public static List<String> validate(List<Path> dirs) {
        List<String> problems = new ArrayList<>();
        read(true, dirs, problems);
        return problems;
    }

    private static KnowledgeBase read(boolean builtIn, List<Path> dirs, List<String> problems) {
        List<Article> articles = new ArrayList<>();
        if (builtIn) {
            readBuiltIn(articles, problems);
        }
        for (Path dir : dirs) {
            if (!Files.isDirectory(dir)) {
                problems.add(dir + ": not a folder of articles");
                continue;
            }
            readDir(dir, dir.toString(), articles, problems);
        }
        Set<String> ids = new HashSet<>();
        for (Article a : articles) {
            if (!ids.add(a.id())) {
                problems.add(a.origin() + ": id '" + a.id() + "' is already used by another article");
            }
        }
        for (Article a : articles) {
            Stream.concat(a.related().stream(), a.explains().stream())
                    .filter(id -> !ids.contains(id))
                    .forEach(id -> problems.add(a.origin() + ": refers to unknown article '" + id + "'"));
        }
        explainCycles(articles, problems);
        return new KnowledgeBase(articles);
    }

    /** A cause that explains itself through others would hide every finding of the cycle. */
    private static void explainCycles(List<Article> articles, List<String> problems) {
        Map<String, List<String>> explains = new java.util.HashMap<>();
        articles.forEach(a -> explains.put(a.id(), a.explains()));
        for (Article a : articles) {
            java.util.Deque<String> todo = new java.util.ArrayDeque<>(a.explains());
            Set<String> seen = new HashSet<>();
            while (!todo.isEmpty()) {
                String id = todo.pop();
                if (id.equals(a.id())) {
                    problems.add(a.origin() + ": 'explains' leads back to '" + a.id() + "' (a cycle)");
                    break;
                }
                if (seen.add(id)) {
                    todo.addAll(explains.getOrDefault(id, List.of()));
                }
            }
        }
    }

    private static void readBuiltIn(List<Article> articles, List<String> problems) {
        URL url = KnowledgeLoader.class.getClassLoader().getResource(BUILT_IN);
        if (url == null) {
            problems.add("the built-in knowledge folder is missing from the classpath");
            return;
        }
        try {
            URI uri = url.toURI();
            if ("jar".equals(uri.getScheme())) {
                try (FileSystem fs = FileSystems.newFileSystem(uri, Map.of())) {
                    readDir(fs.getPath(BUILT_IN), "built-in", articles, problems);
                }
            } else {
                readDir(Path.of(uri), "built-in", articles, problems);
            }
        } catch (URISyntaxException | IOException e) {
            problems.add("cannot read the built-in knowledge: " + e.getMessage());
        }
    }

    private static void readDir(Path dir, String label, List<Article> articles, List<String> problems) {
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".md")
                            && !f.getFileName().toString().equals("README.md"))
                    .sorted()
                    .toList()) {
                String name = file.getFileName().toString();
                String origin = label + "/" + name;
                if (Files.size(file) > MAX_ARTICLE) {
                    problems.add(origin + ": larger than 256 KiB");
                    continue;
                }
                String text;
                try {
                    text = Files.readString(file, StandardCharsets.UTF_8);
                } catch (java.nio.charset.MalformedInputException e) {
                    problems.add(origin + ": not UTF-8 text");
                    continue;
                }
                Optional<Article> a = ArticleParser.parse(origin, name.substring(0, name.length() - 3), text, problems);
                a.ifPresent(articles::add);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }
}
