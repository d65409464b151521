package dev.fiveohtwo.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** The files under deploy/ checked by the tool that owns each format, where the machine has one. */
class DeployFilesTest {

    @Test
    void systemdUnitPassesSystemdAnalyzeVerifyAndIsHardened() throws Exception {
        Path unit = Path.of("deploy/systemd/fiveohtwo.service");
        String text = Files.readString(unit);
        for (String key : List.of(
                "NoNewPrivileges=true",
                "ProtectSystem=strict",
                "StateDirectory=fiveohtwo",
                "EnvironmentFile=",
                "User=fiveohtwo")) {
            assertTrue(text.contains(key), key);
        }
        Assumptions.assumeTrue(
                Files.isExecutable(Path.of("/usr/bin/systemd-analyze")), "systemd-analyze is not installed");
        Process p = new ProcessBuilder(
                        "systemd-analyze",
                        "verify",
                        "--man=no",
                        unit.toAbsolutePath().toString())
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes());
        p.waitFor();
        // verify reports the unit's own faults; a missing /usr/bin/java or /etc/fiveohtwo/env on a build machine is not
        // one
        List<String> faults = out.lines()
                .filter(l -> l.contains("fiveohtwo.service"))
                .filter(l ->
                        !l.contains("/usr/bin/java") && !l.contains("/etc/fiveohtwo") && !l.contains("/opt/fiveohtwo"))
                .toList();
        assertEquals(List.of(), faults, out);
    }

    @Test
    @SuppressWarnings("unchecked")
    void composeRunsTheBotWithPostgresAndReadOnlyMounts() throws Exception {
        Map<String, Object> compose = new Yaml().load(Files.readString(Path.of("deploy/compose.yml")));
        Map<String, Object> services = (Map<String, Object>) compose.get("services");
        assertTrue(services.containsKey("fiveohtwo") && services.containsKey("postgres"));
        Map<String, Object> bot = (Map<String, Object>) services.get("fiveohtwo");
        List<String> volumes = (List<String>) bot.get("volumes");
        assertTrue(volumes.stream().allMatch(v -> v.endsWith(":ro")), volumes.toString());
        assertTrue(String.valueOf(bot.get("command")).contains("serve"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void kubernetesRunsTwoReplicasWithProbesAndOnlyTheEgressItNeeds() throws Exception {
        List<Map<String, Object>> docs = new ArrayList<>();
        try (var files = Files.list(Path.of("deploy/k8s"))) {
            for (Path f : files.sorted().toList()) {
                new Yaml().loadAll(Files.readString(f)).forEach(d -> docs.add((Map<String, Object>) d));
            }
        }
        Map<String, Object> deployment = docs.stream()
                .filter(d -> "Deployment".equals(d.get("kind")))
                .findFirst()
                .orElseThrow();
        Map<String, Object> spec = (Map<String, Object>) deployment.get("spec");
        assertEquals(2, spec.get("replicas"));
        Map<String, Object> pod = (Map<String, Object>) ((Map<String, Object>) spec.get("template")).get("spec");
        Map<String, Object> container = ((List<Map<String, Object>>) pod.get("containers")).get(0);
        assertTrue(container.containsKey("readinessProbe") && container.containsKey("livenessProbe"));
        assertTrue(String.valueOf(container.get("readinessProbe")).contains("/health"));
        assertTrue(docs.stream().anyMatch(d -> "Secret".equals(d.get("kind"))));
        assertTrue(docs.stream().anyMatch(d -> "ConfigMap".equals(d.get("kind"))));
        Map<String, Object> policy = docs.stream()
                .filter(d -> "NetworkPolicy".equals(d.get("kind")))
                .findFirst()
                .orElseThrow();
        String egress = String.valueOf(((Map<String, Object>) policy.get("spec")).get("egress"));
        assertTrue(egress.contains("port=443") && egress.contains("port=22"), egress);
    }

    /** The bot's default port (application-bot.yml), never the 8080 of the web servers next to it. */
    @SuppressWarnings("unchecked")
    private static String botPort() throws Exception {
        Map<String, Object> config =
                new Yaml().load(Files.readString(Path.of("src/main/resources/application-bot.yml")));
        String port = String.valueOf(
                ((Map<String, Object>) ((Map<String, Object>) config.get("micronaut")).get("server")).get("port"));
        java.util.regex.Matcher m =
                java.util.regex.Pattern.compile("\\$\\{FIVEOHTWO_PORT:(\\d+)}").matcher(port);
        assertTrue(m.matches(), port);
        return m.group(1);
    }

    @Test
    void everyDeployFileUsesTheBotsPortAndNotTheLabs() throws Exception {
        String port = botPort();
        assertTrue(!port.equals("8080"), "the lab's nginx listens on 8080");
        Map<String, String> files = new java.util.LinkedHashMap<>();
        files.put("deploy/systemd/fiveohtwo.service", "FIVEOHTWO_PORT=" + port);
        files.put("deploy/compose.yml", "127.0.0.1:" + port + ":" + port);
        files.put("deploy/k8s/deployment.yml", "containerPort: " + port);
        files.put("pom.xml", "<port>" + port + "</port>");
        for (Map.Entry<String, String> f : files.entrySet()) {
            String text = Files.readString(Path.of(f.getKey()));
            assertTrue(text.contains(f.getValue()), f.getKey() + " lacks " + f.getValue());
            assertTrue(!text.contains("8080"), f.getKey() + " still mentions 8080");
        }
        assertTrue(Files.readString(Path.of("deploy/compose.yml")).contains("/dev/tcp/127.0.0.1/" + port));
    }

    @Test
    void theUnitAndTheImageRunServeWithTheLaunchersFlags() throws Exception {
        String launcher = Files.readString(Path.of("deploy/bin/fiveohtwo"));
        java.util.regex.Matcher serve = java.util.regex.Pattern.compile(
                        "serve\\)\\n(?:\\s*#.*\\n)*\\s*flags=\"([^\"]+)\"")
                .matcher(launcher);
        assertTrue(serve.find(), "no serve flags in deploy/bin/fiveohtwo");
        String unit = Files.readString(Path.of("deploy/systemd/fiveohtwo.service"));
        String pom = Files.readString(Path.of("pom.xml"));
        for (String flag : serve.group(1).split(" ")) {
            assertTrue(unit.contains(" " + flag + " "), "the unit lacks " + flag);
            assertTrue(pom.contains("<jvmFlag>" + flag + "</jvmFlag>"), "the image lacks " + flag);
        }
    }
}
