package dev.fiveohtwo.slack;

import java.util.Map;

/** The delivery ledger on the embedded H2 database (the default store). */
class DeliveriesTest extends DeliveriesContract {
    @Override
    String jdbcUrl(String name) {
        return "jdbc:h2:mem:" + name
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1";
    }

    @Override
    Map<String, Object> extraProperties() {
        return Map.of();
    }
}
