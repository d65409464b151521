package dev.fiveohtwo.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.slack.api.app_backend.SlackSignature;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class RequestSignatureTest {
    static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
    static final String SECRET = "unit-secret";
    final RequestSignature signature = new RequestSignature(SECRET, Clock.fixed(NOW, ZoneOffset.UTC));

    private static String sign(String ts, String body) {
        return new SlackSignature.Generator(SECRET).generate(ts, body);
    }

    private RequestSignature.Check check(Instant at, String body) {
        String ts = String.valueOf(at.getEpochSecond());
        return signature.check(ts, sign(ts, body), body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void acceptsWhatSlacksOwnGeneratorSignsOnTheRawBytes() {
        assertEquals(RequestSignature.Check.VALID, check(NOW, "command=%2F502&text=caf%C3%A9+%E2%9C%93"));
        assertEquals(
                RequestSignature.Check.VALID, check(NOW, "{\"type\":\"url_verification\",\"challenge\":\"\\u00e9\"}"));
    }

    @Test
    void acceptsTimestampsUpToFiveMinutesEitherWay() {
        assertEquals(RequestSignature.Check.VALID, check(NOW.minus(Duration.ofMinutes(5)), "a=b"));
        assertEquals(RequestSignature.Check.VALID, check(NOW.plus(Duration.ofMinutes(5)), "a=b"));
    }

    @Test
    void refusesTimestampsFromThePast() {
        assertEquals(RequestSignature.Check.STALE, check(NOW.minusSeconds(301), "a=b"));
        assertEquals(RequestSignature.Check.STALE, check(Instant.EPOCH, "a=b"));
    }

    @Test
    void refusesTimestampsFromTheFuture() {
        assertEquals(RequestSignature.Check.STALE, check(NOW.plusSeconds(301), "a=b"));
        assertEquals(RequestSignature.Check.STALE, check(NOW.plus(Duration.ofHours(1)), "a=b"));
        assertEquals(RequestSignature.Check.STALE, check(NOW.plus(Duration.ofDays(31 * 365)), "a=b"));
    }

    @Test
    void refusesNonNumericTimestampsEvenWhenSignedAsSent() {
        for (String ts :
                new String[] {"abc", "1.7e9", "-1", "+1796119200", " 1796119200", "", "99999999999999999999"}) {
            assertEquals(
                    RequestSignature.Check.MALFORMED,
                    signature.check(ts, sign(ts, "a=b"), "a=b".getBytes(StandardCharsets.UTF_8)),
                    ts);
        }
    }

    @Test
    void refusesAnotherBodyAnotherSecretAndMissingHeaders() {
        String ts = String.valueOf(NOW.getEpochSecond());
        assertEquals(
                RequestSignature.Check.BAD_SIGNATURE,
                signature.check(ts, sign(ts, "a=b"), "a=c".getBytes(StandardCharsets.UTF_8)));
        assertEquals(
                RequestSignature.Check.BAD_SIGNATURE,
                signature.check(
                        ts,
                        new SlackSignature.Generator("other").generate(ts, "a=b"),
                        "a=b".getBytes(StandardCharsets.UTF_8)));
        assertEquals(
                RequestSignature.Check.MALFORMED,
                signature.check(ts, "v1=" + "0".repeat(64), "a=b".getBytes(StandardCharsets.UTF_8)));
        assertEquals(
                RequestSignature.Check.UNSIGNED,
                signature.check(null, sign(ts, "a=b"), "a=b".getBytes(StandardCharsets.UTF_8)));
        assertEquals(
                RequestSignature.Check.UNSIGNED, signature.check(ts, null, "a=b".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void signsTheBytesNotADecodedString() {
        // 0xC3 alone is not UTF-8: decoding it to a String and back would change what was signed
        byte[] body = {'a', '=', (byte) 0xC3};
        String ts = String.valueOf(NOW.getEpochSecond());
        assertEquals(RequestSignature.Check.BAD_SIGNATURE, signature.check(ts, sign(ts, "a=\uFFFD"), body));
    }
}
