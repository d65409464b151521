package dev.fiveohtwo.checks;

import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks secrets in text read from servers (nginx error-log lines, application logs, command output) where it
 * becomes a report, so the terminal, JSON, saved fixtures, the database and Slack all see the same masked
 * text. Only the secret is replaced, by
 * {@value #REDACTED}; keys, separators, quotes and all other text are kept byte for byte, because the rest of a
 * log line is the evidence people need.
 *
 * <p>What is masked:
 * <ul>
 *   <li>{@code Authorization}, {@code Proxy-Authorization}, {@code Cookie} and {@code Set-Cookie} header
 *       values, to the end of the quoted string they are in or of the line;</li>
 *   <li>the value of a {@code name=value} or {@code name: value} pair (query string, form body, log fields,
 *       JSON {@code "name": "value"}, other headers) whose name is sensitive: up to the closing quote when
 *       quoted, else up to whitespace, {@code & " ' , ;};</li>
 *   <li>the password of {@code scheme://user:password@host};</li>
 *   <li>PEM private key blocks, {@code BEGIN} to {@code END} or to the end of the text when the block was cut
 *       off, as {@value #REDACTED_KEY};</li>
 *   <li>AWS access key ids ({@code AKIA}/{@code ASIA} and 16 more), Slack tokens ({@code xoxb-}, {@code xoxp-},
 *       {@code xoxa-}, {@code xoxr-}, {@code xoxs-}, {@code xapp-}), JWTs and the token after
 *       {@code Bearer}, wherever they appear.</li>
 * </ul>
 *
 * <p>The name rule: a name is split into word parts at every character other than a letter or digit, at
 * lower-to-upper case changes ({@code apiKey}), before the last capital of a capital run ({@code AWSAccess})
 * and between letters and digits. The name is sensitive when one part, ignoring case and a plural {@code s},
 * is one of {@code token, password, passwd, pwd, pass, passphrase, secret, key, auth, authorization, session,
 * sig, signature, credential} or a run-together form of them ({@code apikey, accesskey, sessionid, sessid,
 * phpsessid, jsessionid, authtoken, accesstoken, ...}). So {@code api_key}, {@code X-Api-Key},
 * {@code AWSAccessKeyId}, {@code session_id} and {@code sessionid} are masked, while {@code keyboard},
 * {@code monkey}, {@code author} and {@code keepalive} are not: a sensitive word inside a longer word does not
 * count.
 *
 * <p>Two {@code name:digits} shapes are left alone because they are addresses, not secrets: a host in a URL
 * ({@code http://auth:8000}) and a {@code host:port} with no space after the colon ({@code session-db:5432}).
 * Every pattern is anchored by a look-behind or a literal and scanned once, so the time is linear in the
 * length of the text.
 */
public final class Redactor {
    /** What a secret value is replaced with. */
    static final String REDACTED = "[REDACTED]";
    /** What a PEM private key block is replaced with. */
    static final String REDACTED_KEY = "[REDACTED PRIVATE KEY]";

    private static final Pattern PRIVATE_KEY = Pattern.compile(
        "-----BEGIN [A-Z0-9 ]{0,40}PRIVATE KEY-----(?:.*?-----END [A-Z0-9 ]{0,40}PRIVATE KEY-----|.*)",
        Pattern.DOTALL);
    private static final Pattern HEADER = Pattern.compile(
        "(?i)(?<![A-Za-z0-9-])(?:proxy-authorization|authorization|set-cookie|cookie)[\"']?[ \\t]*:[ \\t]*");
    // the look-behind keeps a run of letters from being tried at every position (quadratic time)
    private static final Pattern USERINFO = Pattern.compile(
        "(?i)((?<![a-z0-9+.-])[a-z][a-z0-9+.-]*://[^/?#\\s:@\"'<>]*:)[^/?#\\s@\"'<>]+@");
    // a name may start with dashes so command-line options (--password=x) count; the look-behind keeps a
    // name from also being tried at each of its inner positions, which would make long names quadratic
    private static final Pattern PAIR = Pattern.compile(
        "(?<![A-Za-z0-9_.\\[\\]-])([A-Za-z_-][A-Za-z0-9_.\\[\\]-]*)[\"']?[ \\t]*([=:])[ \\t]*");
    private static final Pattern NAME_PARTS = Pattern.compile(
        "[^A-Za-z0-9]+|(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])|(?<=[A-Za-z])(?=[0-9])");
    private static final Pattern PORT = Pattern.compile("[0-9]{1,5}(?![A-Za-z0-9_])");
    private static final Pattern TOKEN = Pattern.compile(
        "(?<![A-Z0-9])(?:AKIA|ASIA)[0-9A-Z]{16}(?![0-9A-Z])"
            + "|(?<![A-Za-z0-9])(?:xox[abprs]|xapp)-[A-Za-z0-9-]+"
            + "|(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]++\\.eyJ[A-Za-z0-9_-]++\\.[A-Za-z0-9_-]*+");
    private static final Pattern BEARER = Pattern.compile("(?<![A-Za-z0-9])(Bearer[ \\t]+)[A-Za-z0-9._~+/-]+=*");
    private static final Set<String> SENSITIVE = Set.of(
        "token", "password", "passwd", "pwd", "pass", "passphrase", "secret", "key", "auth", "authorization",
        "session", "sig", "signature", "credential",
        "apikey", "apitoken", "accesskey", "accesstoken", "secretkey", "privatekey", "authkey", "authtoken",
        "refreshtoken", "idtoken", "csrftoken", "xsrftoken", "clientsecret", "sessionid", "sessionkey",
        "sessiontoken", "sessid", "phpsessid", "jsessionid");
    private static final String PAIR_STOPS = "&\"',;";
    private static final String HEADER_STOPS = "\"\r\n";

    private Redactor() {
    }

    /** {@code text} with every secret described in the class comment replaced, everything else unchanged. */
    public static String redact(String text) {
        Objects.requireNonNull(text, "text");
        // longest spans first, so a later, narrower rule never cuts into one and leaves part of it
        String s = PRIVATE_KEY.matcher(text).replaceAll(Matcher.quoteReplacement(REDACTED_KEY));
        s = redactValues(s, HEADER, Redactor::headerValue);
        s = USERINFO.matcher(s).replaceAll("$1" + Matcher.quoteReplacement(REDACTED) + "@");
        s = redactValues(s, PAIR, Redactor::pairValue);
        s = TOKEN.matcher(s).replaceAll(Matcher.quoteReplacement(REDACTED));
        return BEARER.matcher(s).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + REDACTED));
    }

    /** True when a parameter name has a sensitive word part (see the class comment). */
    static boolean sensitiveName(String name) {
        for (String part : NAME_PARTS.split(name)) {
            String p = part.toLowerCase(Locale.ROOT);
            if (SENSITIVE.contains(p) || p.endsWith("s") && SENSITIVE.contains(p.substring(0, p.length() - 1))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Replaces the value after each match of {@code key}; {@code value} finds it from the match, or returns
     * null when this match is not to be redacted.
     */
    private static String redactValues(String text, Pattern key, BiFunction<String, Matcher, Span> value) {
        Matcher m = key.matcher(text);
        StringBuilder out = new StringBuilder(text.length());
        int copied = 0;
        boolean found = m.find();
        while (found) {
            Span span = value.apply(text, m);
            // an empty value has nothing to hide, and an already masked one must stay as it is
            if (span == null || span.isEmpty() || text.startsWith("[REDACTED", span.start)) {
                found = m.find();
                continue;
            }
            out.append(text, copied, span.start).append(REDACTED);
            copied = span.end;
            // go on after the value: a name inside a secret is part of the secret
            found = m.find(span.end);
        }
        return out.append(text, copied, text.length()).toString();
    }

    private static Span headerValue(String text, Matcher header) {
        return headerSpan(text, header.end());
    }

    private static Span pairValue(String text, Matcher pair) {
        return secretPair(text, pair) ? valueSpan(text, pair.end()) : null;
    }

    /** A pair with a sensitive name that is not a {@code host:port} (see the class comment). */
    private static boolean secretPair(String text, Matcher m) {
        if (!sensitiveName(m.group(1))) {
            return false;
        }
        if (!":".equals(m.group(2))) {
            return true;
        }
        int name = m.start(1);
        boolean urlHost = name >= 2 && text.startsWith("//", name - 2) || name >= 1 && text.charAt(name - 1) == '@';
        // host:port is written tight; a quote after the name ("pin":1234) or a space after the colon is a field
        boolean port = m.end(1) == m.start(2) && m.end() == m.end(2)
            && PORT.matcher(text).region(m.end(), text.length()).lookingAt();
        return !urlHost && !port;
    }

    /** The value starting at {@code start}: inside its quotes when quoted, else up to a stop or whitespace. */
    private static Span valueSpan(String text, int start) {
        if (start < text.length() && isQuote(text.charAt(start))) {
            return new Span(start + 1, closingQuote(text, start));
        }
        int end = start;
        while (end < text.length() && !endsPlainValue(text.charAt(end))) {
            end++;
        }
        return new Span(start, end);
    }

    /** A header value: inside its quotes when quoted, else to the end of the enclosing quoted string or line. */
    private static Span headerSpan(String text, int start) {
        if (start < text.length() && isQuote(text.charAt(start))) {
            return new Span(start + 1, closingQuote(text, start));
        }
        int end = start;
        while (end < text.length() && HEADER_STOPS.indexOf(text.charAt(end)) < 0) {
            end++;
        }
        // trailing blanks are layout, not part of the secret
        while (end > start && Character.isWhitespace(text.charAt(end - 1))) {
            end--;
        }
        return new Span(start, end);
    }

    private static boolean endsPlainValue(char c) {
        return Character.isWhitespace(c) || PAIR_STOPS.indexOf(c) >= 0;
    }

    private static boolean isQuote(char c) {
        return c == '"' || c == '\'';
    }

    /** Index of the quote closing the one at {@code open} (backslash escapes skipped), or of the line's end. */
    private static int closingQuote(String text, int open) {
        char quote = text.charAt(open);
        int i = open + 1;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == quote || c == '\n' || c == '\r') {
                return i;
            }
            i += c == '\\' ? 2 : 1;
        }
        return text.length();
    }

    /** A half-open range of characters. */
    private record Span(int start, int end) {
        /** True when the range holds no character. */
        boolean isEmpty() {
            return end <= start;
        }
    }
}
