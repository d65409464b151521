package dev.fiveohtwo.knowledge;

import dev.fiveohtwo.checks.Evidence;
import dev.fiveohtwo.checks.Sections;
import dev.fiveohtwo.inventory.Server;
import dev.fiveohtwo.inventory.Service;
import dev.fiveohtwo.inventory.Transport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/** Recorded collector output under src/test/resources/fixtures, and a server to diagnose it for. */
final class Fixtures {
    static final Path DIR = Path.of("src/test/resources/fixtures");

    private Fixtures() {}

    static Evidence evidence(String name) {
        try {
            byte[] bytes = Files.readAllBytes(DIR.resolve(name + ".txt"));
            return Evidence.from(Sections.parse(Sections.decode(bytes), Optional.empty(), 64 * 1024));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Fixture names (file names without .txt), sorted. */
    static List<String> names() {
        try (Stream<Path> files = Files.list(DIR)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".txt"))
                    .map(n -> n.substring(0, n.length() - 4))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The cause a fixture must produce as its top finding: its name up to a {@code --variant} suffix. */
    static String expected(String fixture) {
        int v = fixture.indexOf("--");
        return v < 0 ? fixture : fixture.substring(0, v);
    }

    /** A server with restartable nginx, php-fpm and app services. */
    static Server server() {
        Map<String, Service> services = new LinkedHashMap<>();
        services.put(
                "nginx",
                new Service(
                        "nginx",
                        "nginx",
                        "nginx",
                        Optional.of("sudo systemctl restart nginx"),
                        Optional.empty(),
                        Optional.empty()));
        services.put(
                "php-fpm",
                new Service(
                        "php-fpm",
                        "php-fpm",
                        "php8.2-fpm",
                        Optional.of("sudo systemctl restart php8.2-fpm"),
                        Optional.empty(),
                        Optional.empty()));
        services.put(
                "app",
                new Service(
                        "app",
                        "app",
                        "myapp",
                        Optional.of("sudo systemctl restart myapp"),
                        Optional.empty(),
                        Optional.empty()));
        return new Server(
                "web-01",
                "127.0.0.1",
                22,
                "fiveohtwo",
                Optional.empty(),
                Path.of("/dev/null"),
                Duration.ofSeconds(5),
                Duration.ofSeconds(20),
                Optional.empty(),
                Transport.SSH,
                List.of(),
                Optional.of("http://127.0.0.1/"),
                Map.of(),
                services);
    }

    static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
