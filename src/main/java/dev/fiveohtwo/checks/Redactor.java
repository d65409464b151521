package dev.fiveohtwo.checks;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks secrets in text read from servers (nginx error-log lines, application logs, command output) where it
 * becomes a report, so the terminal, JSON, saved fixtures, the database and Slack all see the same masked
 * text. Only the secret is replaced, by
 * {@value #REDACTED}; keys, separators, quotes and all other text are kept byte for byte, because the rest of a
 * log line is the evidence people need.
 *
 * <p>What is masked (the README's security model lists the same):
 * <ul>
 *   <li>{@code Authorization}, {@code Proxy-Authorization}, {@code Cookie} and {@code Set-Cookie} header
 *       values, to the end of the quoted string they are in or of the line;</li>
 *   <li>the value of a {@code name=value} or {@code name: value} pair (query string, form body, log fields,
 *       JSON {@code "name": "value"}, other headers) whose name is sensitive: up to the closing quote when
 *       quoted, else up to whitespace, {@code & " ' , ;}; the same pair URL-encoded
 *       ({@code password%3Dx}, {@code %22password%22%3A%22x%22}), up to {@code %26 %22 %27 %2C %3B %20 +}
 *       too;</li>
 *   <li>the password of {@code scheme://user:password@host};</li>
 *   <li>PEM private key blocks of every kind ({@code RSA}, {@code EC}, {@code DSA}, {@code OPENSSH},
 *       {@code ENCRYPTED}, PKCS#8, {@code PGP ... BLOCK}), {@code BEGIN} to {@code END} or to the end of the
 *       text when the block was cut off, as {@value #REDACTED_KEY};</li>
 *   <li>wherever they appear: AWS access key ids ({@code AKIA}, {@code ASIA}, {@code ABIA}, {@code ACCA},
 *       {@code A3T?} and 16 more) and a 40-character secret access key right after one; GitHub tokens
 *       ({@code ghp_}, {@code gho_}, {@code ghu_}, {@code ghs_}, {@code ghr_}, {@code github_pat_}); GitLab
 *       {@code glpat-}; Stripe {@code sk_}/{@code rk_} + {@code live_}/{@code test_}/{@code prod_}; Google
 *       {@code AIza} + 35; npm {@code npm_} + 36; Slack {@code xox?-} and {@code xapp-} tokens and the path
 *       of {@code hooks.slack.com/services/...} webhooks; JWTs; the token after {@code Bearer}.</li>
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
            "-----BEGIN [A-Z0-9 ]{0,40}PRIVATE KEY(?: BLOCK)?-----(?:.*?-----END [A-Z0-9 ]{0,40}PRIVATE KEY(?: BLOCK)?-----|.*)",
            Pattern.DOTALL);
    private static final Pattern HEADER = Pattern.compile(
            "(?i)(?<![A-Za-z0-9-])(?:proxy-authorization|authorization|set-cookie|cookie)[\"']?[ \\t]*:[ \\t]*");
    // the look-behind keeps a run of letters from being tried at every position (quadratic time)
    private static final Pattern USERINFO =
            Pattern.compile("(?i)((?<![a-z0-9+.-])[a-z][a-z0-9+.-]*://[^/?#\\s:@\"'<>]*:)[^/?#\\s@\"'<>]+@");
    // a name may start with dashes so command-line options (--password=x) count; the look-behind keeps a
    // name from also being tried at each of its inner positions, which would make long names quadratic
    // URL-encoded, a name follows an escape (%3Fpassword%3D...), so a letter before it is fine after "%XX"
    private static final Pattern PAIR = Pattern.compile(
            "(?:(?<![A-Za-z0-9_.\\[\\]-])|(?<=%[0-9A-Fa-f]{2}))([A-Za-z_-][A-Za-z0-9_.\\[\\]-]*+)(?:[\"']|%2[27])?[ \\t]*"
                    + "([=:]|%3[DdAa])[ \\t]*");
    private static final Pattern NAME_PARTS =
            Pattern.compile("[^A-Za-z0-9]+|(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])|(?<=[A-Za-z])(?=[0-9])");
    private static final Pattern PORT = Pattern.compile("[0-9]{1,5}(?![A-Za-z0-9_])");
    private static final String AWS_KEY_ID = "(?<![A-Z0-9])(?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)[0-9A-Z]{16}";
    // a key id with its secret access key after it, as in a credentials file row or an echoed configuration
    private static final Pattern AWS_KEY_PAIR =
            Pattern.compile(AWS_KEY_ID + "([ \\t,;:|=\"']{1,8})[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])");
    // each alternative starts with a literal behind a look-behind and runs possessively: one try per position
    private static final Pattern TOKEN = Pattern.compile(AWS_KEY_ID + "(?![0-9A-Z])"
            + "|(?<![A-Za-z0-9_])(?:gh[pousr]_[A-Za-z0-9]{30,}+|github_pat_[A-Za-z0-9_]{22,}+|npm_[A-Za-z0-9]{36,}+"
            + "|[sr]k_(?:live|test|prod)_[A-Za-z0-9]{10,}+)"
            + "|(?<![A-Za-z0-9_-])(?:glpat-[A-Za-z0-9_-]{20,}+|AIza[A-Za-z0-9_-]{35,}+)"
            + "|(?<![A-Za-z0-9])(?:xox[A-Za-z]|xapp)-[A-Za-z0-9-]++"
            + "|(?<![A-Za-z0-9.-])(hooks\\.slack\\.com/(?:services|workflows|triggers)/)[A-Za-z0-9+/_-]++"
            + "|(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]++\\.eyJ[A-Za-z0-9_-]++\\.[A-Za-z0-9_-]*+");
    private static final Pattern BEARER = Pattern.compile("(?<![A-Za-z0-9])(Bearer[ \\t]+)[A-Za-z0-9._~+/-]+=*");
    private static final Set<String> SENSITIVE = Set.of(
            "token",
            "password",
            "passwd",
            "pwd",
            "pass",
            "passphrase",
            "secret",
            "key",
            "auth",
            "authorization",
            "session",
            "sig",
            "signature",
            "credential",
            "apikey",
            "apitoken",
            "accesskey",
            "accesstoken",
            "secretkey",
            "privatekey",
            "authkey",
            "authtoken",
            "refreshtoken",
            "idtoken",
            "csrftoken",
            "xsrftoken",
            "clientsecret",
            "sessionid",
            "sessionkey",
            "sessiontoken",
            "sessid",
            "phpsessid",
            "jsessionid");
    private static final String PAIR_STOPS = "&\"',;";
    private static final Set<String> ENCODED_STOPS = Set.of("26", "22", "27", "2C", "3B", "20");
    private static final String HEADER_STOPS = "\"\r\n";
    // Each pattern below can only match where one of its literals is; a scan for the literals (String.indexOf)
    // is many times cheaper than a regex scan that tries every alternative behind its look-behind at every
    // position, and most server text holds none of them. Skipping a pattern whose literals are absent changes
    // no result. Keep each list in step with its pattern.
    private static final List<String> AWS_LITERALS = List.of("A3T", "AKIA", "ASIA", "ABIA", "ACCA");
    private static final List<String> TOKEN_LITERALS = List.of(
            "A3T",
            "AKIA",
            "ASIA",
            "ABIA",
            "ACCA",
            "ghp_",
            "gho_",
            "ghu_",
            "ghs_",
            "ghr_",
            "github_pat_",
            "npm_",
            "k_live_",
            "k_test_",
            "k_prod_",
            "glpat-",
            "AIza",
            "xox",
            "xapp-",
            "hooks.slack.com/",
            "eyJ");
    /** HEADER's names all contain one of these, in any ASCII case. */
    private static final List<String> HEADER_LITERALS = List.of("authorization", "cookie");

    private Redactor() {}

    /** {@code text} with every secret described in the class comment replaced, everything else unchanged. */
    public static String redact(String text) {
        Objects.requireNonNull(text, "text");
        // longest spans first, so a later, narrower rule never cuts into one and leaves part of it
        String s = PRIVATE_KEY.matcher(text).replaceAll(Matcher.quoteReplacement(REDACTED_KEY));
        if (containsIgnoringAsciiCase(s, HEADER_LITERALS.get(0))
                || containsIgnoringAsciiCase(s, HEADER_LITERALS.get(1))) {
            s = redactValues(s, HEADER, Redactor::headerValue);
        }
        if (s.contains("://")) {
            s = USERINFO.matcher(s).replaceAll("$1" + Matcher.quoteReplacement(REDACTED) + "@");
        }
        if (containsAny(s, AWS_LITERALS)) {
            s = AWS_KEY_PAIR.matcher(s).replaceAll(m -> Matcher.quoteReplacement(REDACTED + m.group(1) + REDACTED));
        }
        s = redactValues(s, PAIR, Redactor::pairValue);
        if (containsAny(s, TOKEN_LITERALS)) {
            s = TOKEN.matcher(s).replaceAll(Redactor::token);
        }
        if (s.contains("Bearer")) {
            s = BEARER.matcher(s).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + REDACTED));
        }
        return s;
    }

    private static boolean containsAny(String text, List<String> literals) {
        for (String literal : literals) {
            if (text.contains(literal)) {
                return true;
            }
        }
        return false;
    }

    /**
     * True when {@code text} holds {@code lower} (lower-case ASCII) in any ASCII case, as a {@code (?i)} pattern
     * matches it. Other characters that fold to it (Kelvin sign) may say true too: that only costs a scan.
     */
    static boolean containsIgnoringAsciiCase(String text, String lower) {
        char first = lower.charAt(0);
        for (int i = 0, last = text.length() - lower.length(); i <= last; i++) {
            if ((text.charAt(i) | 0x20) == first && text.regionMatches(true, i, lower, 0, lower.length())) {
                return true;
            }
        }
        return false;
    }

    /** A token's replacement: a webhook keeps its host and kind, so the line still says what it was. */
    private static String token(MatchResult m) {
        return Matcher.quoteReplacement(m.group(1) != null ? m.group(1) + REDACTED : REDACTED);
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
        if (!secretPair(text, pair)) {
            return null;
        }
        return pair.group(2).startsWith("%") ? encodedValueSpan(text, pair.end()) : valueSpan(text, pair.end());
    }

    /** A pair with a sensitive name that is not a {@code host:port} (see the class comment). */
    private static boolean secretPair(String text, Matcher m) {
        if (!sensitiveName(m.group(1))) {
            return false;
        }
        if (!":".equals(m.group(2)) && !"%3A".equalsIgnoreCase(m.group(2))) {
            return true;
        }
        int name = m.start(1);
        boolean urlHost = name >= 2 && text.startsWith("//", name - 2) || name >= 1 && text.charAt(name - 1) == '@';
        // host:port is written tight; a quote after the name ("pin":1234) or a space after the colon is a field
        boolean port = m.end(1) == m.start(2)
                && m.end() == m.end(2)
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

    /**
     * A URL-encoded value starting at {@code start}: inside its {@code %22} or {@code %27} quotes when quoted,
     * else up to an encoded stop ({@code %26 %22 %27 %2C %3B %20 +}), a plain stop or whitespace.
     */
    private static Span encodedValueSpan(String text, int start) {
        String quote = text.startsWith("%22", start) ? "%22" : text.startsWith("%27", start) ? "%27" : null;
        int from = quote == null ? start : start + 3;
        int end = from;
        while (end < text.length()
                && !endsPlainValue(text.charAt(end))
                && text.charAt(end) != '+'
                && !(quote == null ? encodedStop(text, end) : text.startsWith(quote, end))) {
            end++;
        }
        return new Span(from, end);
    }

    private static boolean encodedStop(String text, int i) {
        if (text.charAt(i) != '%' || i + 3 > text.length()) {
            return false;
        }
        return ENCODED_STOPS.contains(text.substring(i + 1, i + 3).toUpperCase(Locale.ROOT));
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
