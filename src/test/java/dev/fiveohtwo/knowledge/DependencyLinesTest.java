package dev.fiveohtwo.knowledge;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fiveohtwo.checks.Evidence;
import dev.fiveohtwo.checks.Sections;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** One application log line alone, on an otherwise healthy host: does it name a dependency the app cannot reach? */
class DependencyLinesTest {
    private static final EvidenceMatcher MATCHER =
            new RuleMatcher(KnowledgeLoader.load(List.of()), Duration.ofMinutes(30));

    private static boolean namesADependency(String line) {
        String text = Fixtures.read(Fixtures.DIR.resolve("healthy.txt"))
                .replace(
                        "\n### f1xture log-files\n",
                        "\n### f1xture log-files\napp|/var/log/myapp/error.log|ok|200|1795265219\n")
                .replace("\n### f1xture end", "\n### f1xture log:app\n" + line + "\n\n### f1xture end");
        Evidence e = Evidence.from(Sections.parse(text, Optional.empty(), 64 * 1024));
        return MATCHER.diagnose(Fixtures.server(), e).findings().stream()
                .anyMatch(f -> f.id().equals("dependency-unreachable"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "Error: connect ECONNREFUSED 127.0.0.1:5432",
                "Error: Redis connection to 127.0.0.1:6379 failed - connect ECONNREFUSED 127.0.0.1:6379",
                "[ioredis] Unhandled error event: Error: connect ECONNREFUSED db.internal:6379",
                "psql: error: could not connect to server: Connection refused",
                "psycopg2.OperationalError: connection to server at \"db\" (172.18.0.2), port 5432 failed: Connection refused",
                "PHP Fatal error:  Uncaught PDOException: SQLSTATE[HY000] [2002] Connection refused in /var/www/html/db.php:14",
                "PHP Warning:  PDO::__construct(): SQLSTATE[HY000] [2006] MySQL server has gone away",
                "ERROR 2003 (HY000): Can't connect to MySQL server on '10.0.0.5:3306' (111)",
                "com.mysql.cj.jdbc.exceptions.CommunicationsException: Communications link failure",
                "org.postgresql.util.PSQLException: Connection to localhost:5432 refused. Check that the hostname and port are correct",
                "Redis connection refused",
                "redis.exceptions.ConnectionError: Error 111 connecting to 127.0.0.1:6379. Connection refused.",
                "MongoServerSelectionError: connect ECONNREFUSED 127.0.0.1:27017",
                "FATAL:  sorry, too many clients already",
                "PHP Fatal error:  Uncaught PDOException: SQLSTATE[HY000] [1040] Too many connections",
                "FATAL:  remaining connection slots are reserved for non-replication superuser connections"
            })
    void anApplicationLineThatNamesAnUnreachableDependency(String line) {
        assertTrue(namesADependency(line), line);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "2026/11/21 12:40:31 [error] 8498#8498: *2211 connect() failed (111: Connection refused) while connecting to upstream",
                "GET /api/orders 200 12ms",
                "HikariPool-1 - Connection is not available, request timed out after 30000ms.",
                "listening on 127.0.0.1:3000"
            })
    void aLineThatNamesNoDependencyDoesNot(String line) {
        assertFalse(namesADependency(line), line);
    }
}
