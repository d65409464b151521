package dev.fiveohtwo.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The OCI image Jib writes with {@code -Pimage}: its configuration (entrypoint, non-root user, exposed port), and
 * the image itself run without a container engine (deploy/image/smoke.sh).
 */
class ImageIT {
    static Path image;
    static Map<String, byte[]> entries = new HashMap<>();

    @BeforeAll
    static void read() throws Exception {
        String tar = System.getProperty("fiveohtwo.image.tar");
        Assumptions.assumeTrue(tar != null, "built only with -Pimage");
        image = Path.of(tar);
        assertTrue(Files.isRegularFile(image), "no image at " + image);
        Process p = new ProcessBuilder("tar", "-tf", image.toString()).start();
        for (String name : new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8)
                .lines()
                .toList()) {
            if (name.endsWith("index.json")
                    || name.endsWith(".json")
                    || (name.startsWith("blobs/") && !name.endsWith("/"))) {
                Process x = new ProcessBuilder("tar", "-xOf", image.toString(), name).start();
                try (InputStream in = x.getInputStream()) {
                    byte[] head = in.readNBytes(64 * 1024);
                    if (head.length > 0 && head[0] == '{') {
                        entries.put(name, head);
                    }
                }
                x.destroy();
            }
        }
    }

    private static JsonNode json(String name) throws IOException {
        byte[] b = entries.get(name);
        assertTrue(b != null, "no " + name + " in the image");
        return JsonMapper.createDefault().readValue(b, JsonNode.class);
    }

    @Test
    void runsTheBotAsANonRootUserOnPort8502() throws Exception {
        String manifest = json("index.json")
                .get("manifests")
                .get(0)
                .get("digest")
                .getStringValue()
                .replace("sha256:", "blobs/sha256/");
        String config =
                json(manifest).get("config").get("digest").getStringValue().replace("sha256:", "blobs/sha256/");
        JsonNode c = json(config).get("config");
        String text = JsonMapper.createDefault().writeValueAsString(c);
        assertTrue(text.contains("\"Entrypoint\":[\"java\"") && text.contains("dev.fiveohtwo.cli.Main"), text);
        assertEquals("10502:10502", c.get("User").getStringValue());
        assertTrue(text.contains("\"8502/tcp\""), text);
        assertEquals("serve", c.get("Cmd").get(0).getStringValue());
    }

    @Test
    void theImageRunsItsEntrypoint() throws Exception {
        assertEquals("root", System.getProperty("user.name"), "running the image needs root (chroot)");
        Process p = new ProcessBuilder("deploy/image/smoke.sh", image.toString(), "kb", "validate")
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        assertTrue(out.contains("knowledge base is valid"), out);
    }
}
