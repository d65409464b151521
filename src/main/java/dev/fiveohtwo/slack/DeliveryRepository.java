package dev.fiveohtwo.slack;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.time.Instant;

/** Handled deliveries; PostgreSQL dialect, which H2 speaks in {@code MODE=PostgreSQL}, as for restarts. */
@JdbcRepository(dialect = Dialect.POSTGRES)
interface DeliveryRepository extends GenericRepository<Delivery, String> {

    /** 1 for the one caller that inserts the key first, 0 for every other, on any replica. */
    @Query("INSERT INTO slack_delivery (delivery_key, received_at) VALUES (:key, :at) ON CONFLICT DO NOTHING")
    long claim(String key, Instant at);

    @Query("DELETE FROM slack_delivery WHERE received_at < :before")
    long prune(Instant before);
}
