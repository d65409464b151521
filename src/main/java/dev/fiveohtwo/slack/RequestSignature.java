package dev.fiveohtwo.slack;

import io.micronaut.core.annotation.Nullable;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Slack's request signature, v0: {@code X-Slack-Signature} is {@code v0=} and the hex HMAC-SHA256, keyed with the
 * signing secret, of {@code v0:<X-Slack-Request-Timestamp>:<the raw body bytes>}. Checked on the bytes as they
 * arrived, before anything parses them. A timestamp more than {@link #WINDOW} away from now, in the past or in the
 * future, is refused: Bolt's own check lets future ones through, which would let a captured request be replayed
 * for as long as its timestamp is ahead.
 */
final class RequestSignature {
    /** How far a request's timestamp may be from the bot's clock, either way. */
    static final Duration WINDOW = Duration.ofMinutes(5);
    /** Seconds since the epoch, as Slack sends them; a dozen digits is thousands of years. */
    private static final Pattern TIMESTAMP = Pattern.compile("[0-9]{1,12}");

    private static final Pattern SIGNATURE = Pattern.compile("v0=[0-9a-f]{64}");

    /** Why a request was accepted or refused; the names are what the refusal log says. */
    enum Check {
        VALID,
        UNSIGNED,
        MALFORMED,
        STALE,
        BAD_SIGNATURE
    }

    private final SecretKeySpec key;
    private final Clock clock;

    RequestSignature(String signingSecret, Clock clock) {
        this.key = new SecretKeySpec(signingSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
        this.clock = clock;
    }

    Check check(@Nullable String timestamp, @Nullable String signature, byte[] body) {
        if (timestamp == null || signature == null) {
            return Check.UNSIGNED;
        }
        if (!TIMESTAMP.matcher(timestamp).matches()
                || !SIGNATURE.matcher(signature).matches()) {
            return Check.MALFORMED;
        }
        long skew = Math.abs(clock.instant().getEpochSecond() - Long.parseLong(timestamp));
        if (skew > WINDOW.toSeconds()) {
            return Check.STALE;
        }
        byte[] expected = ("v0=" + HexFormat.of().formatHex(mac(timestamp, body))).getBytes(StandardCharsets.US_ASCII);
        // constant time: how much of a guess matches must not show in how long the answer takes
        return MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.US_ASCII))
                ? Check.VALID
                : Check.BAD_SIGNATURE;
    }

    private byte[] mac(String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            mac.update(("v0:" + timestamp + ":").getBytes(StandardCharsets.US_ASCII));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
