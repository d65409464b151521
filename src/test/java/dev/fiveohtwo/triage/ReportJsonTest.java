package dev.fiveohtwo.triage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fiveohtwo.checks.Evidence;
import dev.fiveohtwo.checks.Sections;
import dev.fiveohtwo.knowledge.Finding;
import dev.fiveohtwo.knowledge.Severity;
import dev.fiveohtwo.knowledge.Verdict;
import dev.fiveohtwo.system.JsonText;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The JSON report: the README's field order in every nested object, and any text written so that it reads back. */
class ReportJsonTest {
    static final JsonMapper JSON = JsonMapper.createDefault();

    static Evidence evidence(String fixture) throws IOException {
        byte[] bytes = Files.readAllBytes(Path.of("src/test/resources/fixtures", fixture + ".txt"));
        return Evidence.from(Sections.parse(Sections.decode(bytes), Optional.empty(), 64 * 1024));
    }

    static Finding finding(List<String> evidence, String command) {
        return new Finding(
                "upstream-down",
                "The upstream service is down",
                Severity.CRITICAL,
                0.9,
                List.of("php-fpm is inactive"),
                evidence,
                true,
                List.of(new Finding.RestartOption("php-fpm", "php-fpm", "php8.2-fpm", command)),
                List.of());
    }

    static String json(Report r) throws IOException {
        return JsonText.of(JSON, ReportJson.of(r));
    }

    static void assertShape(String json, String regex) {
        assertTrue(Pattern.compile(regex).matcher(json).find(), "no " + regex + " in " + json);
    }

    @Test
    void everyNestedObjectKeepsTheReadmesFieldOrder() throws IOException {
        Report r = new Report(
                "web-01",
                "local",
                true,
                Verdict.BAD_GATEWAY,
                1,
                Instant.EPOCH,
                List.of(finding(List.of("x"), "sudo systemctl restart php8.2-fpm")),
                List.of(),
                Optional.of(evidence("container-down")),
                List.of());

        String json = json(r);

        assertShape(
                json,
                "\"restart\":\\[\\{\"service\":\"php-fpm\",\"kind\":\"php-fpm\",\"unit\":\"php8.2-fpm\",\"command\":\"sudo systemctl restart php8.2-fpm\"}]");
        assertShape(
                json,
                "\"logs\":\\[\\{\"name\":\"[^\"]+\",\"path\":\"[^\"]+\",\"status\":\"[^\"]+\",\"lines\":\\d+,\"truncated\":(true|false)}");
        assertShape(
                json,
                "\"memory\":\\{\"totalMb\":\\d+,\"availableMb\":\\d+,\"swapTotalMb\":\\d+,\"swapUsedPercent\":\\d+}");
        assertShape(json, "\"disks\":\\[\\{\"mount\":\"[^\"]+\",\"measure\":\"[^\"]+\",\"usedPercent\":\\d+}");
        assertShape(json, "\"openFiles\":\\[\\{\"process\":\"[^\"]+\",\"pid\":\\d+,\"soft\":\"[^\"]+\"}");
        assertShape(json, "\"containers\":\\[\\{\"name\":\"shop-api\",\"status\":\"[^\"]+\",\"image\":\"[^\"]+\"}");
    }

    @Test
    void hostileTextIsWrittenSoThatItReadsBackAsItWas() throws IOException {
        List<String> hostile = List.of(
                "say \"hi\"",
                "C:\\temp\\new",
                "bell\u0007 nul\u0000 esc\u001b[31m tab\t cr\r lf\n",
                "line\u2028separator\u2029paragraph",
                "</script><!--",
                "\u00e9\u4e2d\ud83d\ude00");
        Report r = new Report(
                "web \"01\"\\",
                "local",
                true,
                Verdict.DEGRADED,
                1,
                Instant.EPOCH,
                List.of(finding(hostile, "echo \"$(id)\" \\")),
                hostile,
                Optional.empty(),
                List.of());

        String json = json(r);

        assertTrue(json.chars().noneMatch(c -> c < 0x20), "a raw control character in " + json);
        JsonNode back = JSON.readValue(json, JsonNode.class);
        assertEquals("web \"01\"\\", back.get("server").getStringValue());
        JsonNode evidence = back.get("findings").get(0).get("evidence");
        JsonNode notes = back.get("notes");
        for (int i = 0; i < hostile.size(); i++) {
            assertEquals(hostile.get(i), evidence.get(i).getStringValue());
            assertEquals(hostile.get(i), notes.get(i).getStringValue());
        }
        assertEquals(
                "echo \"$(id)\" \\",
                back.get("findings").get(0).get("restart").get(0).get("command").getStringValue());
    }

    @Test
    void aLoneSurrogateIsWrittenAsAReplacementCharacterNotAFailure() throws IOException {
        Report r = new Report(
                "web-01",
                "local",
                true,
                Verdict.DEGRADED,
                1,
                Instant.EPOCH,
                List.of(finding(List.of("high \ud800 alone", "low \udc00 alone", "reversed \udc00\ud800"), "true")),
                List.of(),
                Optional.empty(),
                List.of());

        JsonNode back = JSON.readValue(json(r), JsonNode.class);

        JsonNode evidence = back.get("findings").get(0).get("evidence");
        assertEquals("high \ufffd alone", evidence.get(0).getStringValue());
        assertEquals("low \ufffd alone", evidence.get(1).getStringValue());
        assertEquals("reversed \ufffd\ufffd", evidence.get(2).getStringValue());
    }
}
