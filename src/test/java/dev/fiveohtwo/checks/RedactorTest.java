package dev.fiveohtwo.checks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class RedactorTest {
    private static final String NGINX_TIMEOUT = "2026/11/21 10:42:07 [error] 812#812: *31 upstream timed out (110: "
            + "Connection timed out) while reading response header from upstream, client: 10.1.2.3, server: shop.example, "
            + "request: \"GET /api/orders?token=s3cr3t&page=2 HTTP/1.1\", upstream: "
            + "\"http://127.0.0.1:8000/api/orders?token=s3cr3t&page=2\", host: \"shop.example\", "
            + "referrer: \"https://shop.example/?session=abc\"";

    private static void assertGone(String out, String... secrets) {
        for (String secret : secrets) {
            assertFalse(out.contains(secret), () -> "'" + secret + "' survived in: " + out);
        }
    }

    // ---- nginx error-log lines ----------------------------------------------------------------------------

    @Test
    void nginxLineLosesQueryTokensAndSessionAndKeepsEverythingElse() {
        String out = Redactor.redact(NGINX_TIMEOUT);
        assertGone(out, "s3cr3t", "abc\"");
        assertEquals(
                NGINX_TIMEOUT.replace("token=s3cr3t", "token=[REDACTED]").replace("session=abc", "session=[REDACTED]"),
                out);
    }

    @Test
    void nginxLineWithoutSecretsIsUnchanged() {
        List<String> lines = List.of(
                "2026/11/21 10:42:07 [error] 812#812: *31 connect() failed (111: Connection refused) while connecting to "
                        + "upstream, client: 10.1.2.3, server: shop.example, request: \"GET /api/orders?page=2&sort=desc HTTP/1.1\", "
                        + "upstream: \"fastcgi://unix:/run/php/php8.2-fpm.sock:\", host: \"shop.example\"",
                "2026/11/21 10:42:08 [crit] 812#812: *32 connect() to unix:/run/php/php8.2-fpm.sock failed (13: Permission "
                        + "denied) while connecting to upstream, client: 10.1.2.3, server: _, request: \"POST /checkout HTTP/2.0\"",
                "2026/11/21 10:42:09 [error] 812#812: *33 upstream prematurely closed connection while reading response "
                        + "header from upstream, client: 10.1.2.3, upstream: \"http://auth:8000/login\", host: \"auth.example.com:443\"",
                "2026/11/21 10:42:10 [error] 812#812: *34 connect() to session-db:5432 failed (111: Connection refused), "
                        + "keepalive: 32, author=bob");
        for (String line : lines) {
            assertEquals(line, Redactor.redact(line));
        }
    }

    @Test
    void formBodyPasswordIsRedactedAndOtherFieldsKept() {
        String line = "app.WARN login failed body=\"username=bob&password=hunter2&remember=1\" ip=10.1.2.3";
        String out = Redactor.redact(line);
        assertGone(out, "hunter2");
        assertEquals("app.WARN login failed body=\"username=bob&password=[REDACTED]&remember=1\" ip=10.1.2.3", out);
    }

    @Test
    void signedUrlParametersAreRedacted() {
        String url =
                "GET /bucket/report.pdf?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20261121"
                        + "&X-Amz-Signature=9f1c2e3d&AWSAccessKeyId=AKIA0123&sig=abc==&expires=1700000000";
        String out = Redactor.redact(url);
        assertGone(out, "AKIAIOSFODNN7EXAMPLE", "9f1c2e3d", "AKIA0123", "abc==");
        assertEquals(
                "GET /bucket/report.pdf?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=[REDACTED]"
                        + "&X-Amz-Signature=[REDACTED]&AWSAccessKeyId=[REDACTED]&sig=[REDACTED]&expires=1700000000",
                out);
    }

    // ---- names --------------------------------------------------------------------------------------------

    @Test
    void sensitiveNamesAreMatchedByWordPart() {
        for (String name : List.of(
                "token",
                "access_token",
                "password",
                "user[password]",
                "passwd",
                "pwd",
                "pass",
                "client_secret",
                "api_key",
                "apikey",
                "apiKey",
                "X-Api-Key",
                "access_key",
                "AWSAccessKeyId",
                "auth",
                "oauth_token",
                "session",
                "session_id",
                "sessionid",
                "sessionId",
                "PHPSESSID",
                "JSESSIONID",
                "sig",
                "signature",
                "X-Amz-Signature",
                "credential",
                "credentials",
                "tokens",
                "key1",
                "--password",
                "Authorization")) {
            assertTrue(Redactor.sensitiveName(name), name);
        }
    }

    @Test
    void namesThatOnlyContainASensitiveWordAreKept() {
        for (String name : List.of(
                "keyboard",
                "monkey",
                "author",
                "keepalive",
                "passenger",
                "tokenizer",
                "page",
                "sesame",
                "signal",
                "signed",
                "bypass",
                "authentic")) {
            assertFalse(Redactor.sensitiveName(name), name);
        }
        String line = "GET /search?keyboard=1&monkey=1&author=bob&keepalive=on&signal=9";
        assertEquals(line, Redactor.redact(line));
    }

    @Test
    void keyValueLogFieldsAreRedacted() {
        String line = "level=warn msg=\"retrying upstream\" api_key=ab12cd34 session_id=9f8e7d user=bob retries=3";
        String out = Redactor.redact(line);
        assertGone(out, "ab12cd34", "9f8e7d");
        assertEquals(
                "level=warn msg=\"retrying upstream\" api_key=[REDACTED] session_id=[REDACTED] user=bob retries=3",
                out);
    }

    @Test
    void colonFieldsAreRedactedUpToTheFieldSeparator() {
        String line = "upstream auth failed, X-Api-Key: k-77f1e2, secret: 'p@ss word', path: /v1/orders";
        String out = Redactor.redact(line);
        assertGone(out, "k-77f1e2", "p@ss word");
        assertEquals("upstream auth failed, X-Api-Key: [REDACTED], secret: '[REDACTED]', path: /v1/orders", out);
    }

    @Test
    void jsonStringValuesAreRedactedInsideTheirQuotes() {
        String json =
                "{\"user\":\"bob\",\"password\":\"hu\\\"nter2\",\"refresh_token\": \"r-1\", \"apiKey\": 12345, \"n\": 1}";
        String out = Redactor.redact(json);
        assertGone(out, "nter2", "r-1", "12345");
        assertEquals(
                "{\"user\":\"bob\",\"password\":\"[REDACTED]\",\"refresh_token\": \"[REDACTED]\", "
                        + "\"apiKey\": [REDACTED], \"n\": 1}",
                out);
    }

    @Test
    void commandLineOptionsAreRedacted() {
        String out = Redactor.redact("exec: /usr/bin/app --db-password=Tr0ub4dor --port=8000");
        assertEquals("exec: /usr/bin/app --db-password=[REDACTED] --port=8000", out);
    }

    @Test
    void emptyValuesStayEmpty() {
        String line = "GET /reset?token=&page=2";
        assertEquals(line, Redactor.redact(line));
    }

    // ---- headers ------------------------------------------------------------------------------------------

    @Test
    void authorizationHeaderValueIsRedactedToTheEndOfTheQuotedString() {
        String line = "proxy: sent headers \"Authorization: Bearer abc.def.ghi\", status: 502";
        String out = Redactor.redact(line);
        assertGone(out, "abc.def.ghi");
        assertEquals("proxy: sent headers \"Authorization: [REDACTED]\", status: 502", out);
    }

    @Test
    void headerLinesAreRedactedToTheEndOfTheLine() {
        String dump =
                "> GET /api HTTP/1.1\n> authorization: Basic dXNlcjpwYXNz\n> Proxy-Authorization: Basic cHJveHk6cHc=\n"
                        + "> Cookie: session=abc; theme=dark\n< Set-Cookie: sid=s-42; Path=/; HttpOnly\r\n< Content-Type: text/html";
        String out = Redactor.redact(dump);
        assertGone(out, "dXNlcjpwYXNz", "cHJveHk6cHc", "session=abc", "theme=dark", "s-42");
        assertEquals(
                "> GET /api HTTP/1.1\n> authorization: [REDACTED]\n> Proxy-Authorization: [REDACTED]\n"
                        + "> Cookie: [REDACTED]\n< Set-Cookie: [REDACTED]\r\n< Content-Type: text/html",
                out);
    }

    @Test
    void headerNamesInAnyCaseAreRedacted() {
        String out = Redactor.redact("> AUTHORIZATION: Basic dXNlcjpwYXNz\n> cOOKIE: sid=s-42\n> AuThOrIzAtIoN: x1");
        assertEquals("> AUTHORIZATION: [REDACTED]\n> cOOKIE: [REDACTED]\n> AuThOrIzAtIoN: [REDACTED]", out);
    }

    @Test
    void literalsAreFoundInAnyAsciiCaseAndOnlyWhole() {
        assertTrue(Redactor.containsIgnoringAsciiCase("x-Set-COOKIE:", "cookie"));
        assertTrue(Redactor.containsIgnoringAsciiCase("cookie", "cookie"));
        assertFalse(Redactor.containsIgnoringAsciiCase("cooki", "cookie"));
        assertFalse(Redactor.containsIgnoringAsciiCase("c o o k i e", "cookie"));
        assertFalse(Redactor.containsIgnoringAsciiCase("", "cookie"));
    }

    @Test
    void bearerTokenIsRedactedWhereverItAppears() {
        String out = Redactor.redact("token refresh failed for Bearer ya29.a0AfH6SM-x_y/z= (expired)");
        assertEquals("token refresh failed for Bearer [REDACTED] (expired)", out);
    }

    // ---- URLs and tokens ----------------------------------------------------------------------------------

    @Test
    void urlPasswordIsRedactedAndUserAndHostKept() {
        String line = "upstream: \"http://admin:S3cr3t:x@10.0.0.5:8080/status\", db=postgres://app:pw123@db:5432/shop";
        String out = Redactor.redact(line);
        assertGone(out, "S3cr3t", "pw123");
        assertEquals(
                "upstream: \"http://admin:[REDACTED]@10.0.0.5:8080/status\", db=postgres://app:[REDACTED]@db:5432/shop",
                out);
    }

    @Test
    void privateKeyBlockIsRedactedWhole() {
        String text =
                "loaded key:\n-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA7\nq8s9\n-----END RSA PRIVATE KEY-----\nnext line";
        String out = Redactor.redact(text);
        assertGone(out, "MIIEowIBAAKCAQEA7", "q8s9");
        assertEquals("loaded key:\n[REDACTED PRIVATE KEY]\nnext line", out);
    }

    @Test
    void truncatedPrivateKeyIsRedactedToTheEnd() {
        String text = "config dump: -----BEGIN OPENSSH PRIVATE KEY-----\\nb3BlbnNzaC1rZXktdjEAAAA";
        assertEquals("config dump: [REDACTED PRIVATE KEY]", Redactor.redact(text));
    }

    @Test
    void awsAccessKeyIdIsRedacted() {
        String out = Redactor.redact("S3 upload failed for AKIAIOSFODNN7EXAMPLE in us-east-1");
        assertEquals("S3 upload failed for [REDACTED] in us-east-1", out);
    }

    @Test
    void slackTokensAreRedacted() {
        String out =
                Redactor.redact("bot started with xoxb-1234-5678-AbCdEf and app xapp-1-A01-99-ff00, user xoxp-9-9");
        assertEquals("bot started with [REDACTED] and app [REDACTED], user [REDACTED]", out);
    }

    @Test
    void jwtIsRedacted() {
        String jwt = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjMifQ.dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
        assertEquals(
                "upstream rejected [REDACTED] as expired", Redactor.redact("upstream rejected " + jwt + " as expired"));
    }

    @Test
    void redactingTwiceChangesNothingMore() {
        String once = Redactor.redact(NGINX_TIMEOUT + "\nAuthorization: Bearer xyz\nhttps://token:abc@host/");
        assertEquals(once, Redactor.redact(once));
        assertTrue(once.endsWith("https://token:[REDACTED]@host/"), once);
    }

    // ---- secret-scanning shapes ------------------------------------------------------------------------

    private static final String AWS_SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

    @Test
    void awsSecretAccessKeyIsRedactedNextToItsIdAndByName() {
        assertEquals(
                "Access key ID,Secret access key\n[REDACTED],[REDACTED]",
                Redactor.redact("Access key ID,Secret access key\nAKIAIOSFODNN7EXAMPLE," + AWS_SECRET));
        assertEquals(
                "using [REDACTED] [REDACTED] for s3",
                Redactor.redact("using ASIAIOSFODNN7EXAMPLE " + AWS_SECRET + " for s3"));
        assertEquals(
                "credentials: [REDACTED] [REDACTED]",
                Redactor.redact("credentials: AKIAIOSFODNN7EXAMPLE " + AWS_SECRET));
        assertEquals(
                "[default]\naws_access_key_id = [REDACTED]\naws_secret_access_key = [REDACTED]\nregion = eu-west-1",
                Redactor.redact("[default]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = "
                        + AWS_SECRET + "\nregion = eu-west-1"));
        assertEquals(
                "AWS_SECRET_ACCESS_KEY=[REDACTED] ./deploy",
                Redactor.redact("AWS_SECRET_ACCESS_KEY=" + AWS_SECRET + " ./deploy"));
    }

    @Test
    void awsKeyIdsOfEveryPrefixAreRedacted() {
        for (String prefix : List.of("AKIA", "ASIA", "ABIA", "ACCA", "A3T7")) {
            assertEquals("id [REDACTED].", Redactor.redact("id " + prefix + "IOSFODNN7EXAMPLE."), prefix);
        }
    }

    @Test
    void urlEncodedPairsAreRedactedUpToTheEncodedSeparator() {
        String line = "GET /sso?next=%2Fadmin%3Fuser%3Dbob%26password%3DHunter%2522%26lang%3Den HTTP/1.1";
        assertEquals(
                "GET /sso?next=%2Fadmin%3Fuser%3Dbob%26password%3D[REDACTED]%26lang%3Den HTTP/1.1",
                Redactor.redact(line));
        String json = "POST /log body=%7B%22user%22%3A%22bob%22%2C%22password%22%3A%22hu%20nter2%22%2C%22n%22%3A1%7D";
        assertEquals(
                "POST /log body=%7B%22user%22%3A%22bob%22%2C%22password%22%3A%22[REDACTED]%22%2C%22n%22%3A1%7D",
                Redactor.redact(json));
        assertEquals("q=%3Fapi_key%3d[REDACTED]+x", Redactor.redact("q=%3Fapi_key%3dk-123+x"));
    }

    @Test
    void vendorTokensAreRedactedWhereverTheyAppear() {
        String id36 = "aB3dE5gH7jK9mN1pQ3sT5vW7yZ9bC1dE3fG5";
        List<String> tokens = List.of(
                "ghp_" + id36,
                "gho_" + id36,
                "ghu_" + id36,
                "ghs_" + id36,
                "ghr_" + id36,
                "github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ01234",
                "glpat-xY9_zW8-vU7tS6rQ5pO4",
                "sk_live_51HqLyjWDarjtT1zdp7dc",
                "rk_live_51HqLyjWDarjtT1zdp7dc",
                "sk_test_4eC39HqLyjWDarjtT1zdp7dc",
                "AIzaSyD-9tSrke72PouQMnMX-a7eZSW0jkFMBWY",
                "npm_" + id36,
                "xoxb-1234-5678-AbCdEf",
                "xoxp-9-9",
                "xoxe-1-abc",
                "xoxc-77-x",
                "xapp-1-A01-99-ff00",
                "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjMifQ.dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk");
        for (String token : tokens) {
            assertEquals(
                    "push failed (" + Redactor.REDACTED + ") retrying",
                    Redactor.redact("push failed (" + token + ") retrying"),
                    token);
        }
    }

    @Test
    void slackWebhookKeepsItsHostAndLosesItsPath() {
        String line = "notify: POST https://hooks.slack.com/services/T0123ABCD/B0456EFGH/Xy12Zw34Vu56Ts78Rq90 failed";
        assertEquals("notify: POST https://hooks.slack.com/services/[REDACTED] failed", Redactor.redact(line));
    }

    @Test
    void privateKeyBlocksOfEveryKindAreRedacted() {
        for (String kind : List.of(
                "RSA PRIVATE KEY",
                "EC PRIVATE KEY",
                "DSA PRIVATE KEY",
                "OPENSSH PRIVATE KEY",
                "PRIVATE KEY",
                "ENCRYPTED PRIVATE KEY",
                "PGP PRIVATE KEY BLOCK")) {
            String text = "key:\n-----BEGIN " + kind + "-----\nProc-Type: 4\nMIIEow\n-----END " + kind + "-----\ndone";
            assertEquals("key:\n[REDACTED PRIVATE KEY]\ndone", Redactor.redact(text), kind);
        }
    }

    @Test
    void lookalikesOfTokensAreKept() {
        List<String> lines = List.of(
                "ghp_short and gho_ are not tokens",
                "sk_live_ alone, AIzaShort, npm_install, glpat-x",
                "AKIAIOSFODNN7EXAMPLEX is too long, AKIAshort too short",
                "hooks.slack.com/ has no path",
                "xox-1 and xoxbe-1 are words",
                "pass the key around");
        for (String line : lines) {
            assertEquals(line, Redactor.redact(line));
        }
    }

    // ---- time ---------------------------------------------------------------------------------------------

    /**
     * Shapes that make careless patterns backtrack, a mebibyte each: quadratic time would run for hours. The
     * timeout is only a guard against such a hang, generous enough for any loaded machine; nothing here is a
     * measurement.
     */
    @Test
    @Timeout(300)
    void mebibyteAdversarialLinesComplete() {
        int n = 1 << 20;
        String pairs = "a=".repeat(n / 2);
        assertEquals(pairs, Redactor.redact(pairs));
        for (String line : List.of(
                "a-".repeat(n / 2),
                "eyJ".repeat(n / 3),
                "a:".repeat(n / 2),
                "token=" + "x".repeat(n),
                "-----BEGIN PRIVATE KEY-----" + " ".repeat(n),
                "-----BEGIN RSA PRIVATE KEY-----".repeat(n / 32),
                "http://" + "u:".repeat(n / 2),
                "%3D".repeat(n / 3),
                "%22a%22%3A".repeat(n / 10),
                "a%41".repeat(n / 4),
                "%41".repeat(n / 3),
                "AKIA".repeat(n / 4),
                "AKIAIOSFODNN7EXAMPLE ".repeat(n / 21),
                "ghp_".repeat(n / 4),
                "github_pat_".repeat(n / 11),
                "glpat-".repeat(n / 6),
                "sk_live_".repeat(n / 8),
                "AIza".repeat(n / 4),
                "xoxb-".repeat(n / 5),
                "hooks.slack.com/services/".repeat(n / 25),
                "Bearer ".repeat(n / 7),
                "Authorization: ".repeat(n / 15),
                "password%3D".repeat(n / 11))) {
            String out = Redactor.redact(line);
            assertEquals(out, Redactor.redact(out), () -> "masking again changed: " + line.substring(0, 40));
        }
    }
}
