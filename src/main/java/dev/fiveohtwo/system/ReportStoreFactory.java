package dev.fiveohtwo.system;

import dev.fiveohtwo.reports.JdbcReportStore;
import dev.fiveohtwo.reports.ReportStore;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import jakarta.inject.Singleton;
import java.time.Clock;
import javax.sql.DataSource;

/** The bot's report store, on the database the {@code bot} environment configures (the short commands open their own). */
@Factory
final class ReportStoreFactory {

    @Singleton
    @Requires(beans = DataSource.class)
    ReportStore reportStore(DataSource dataSource, ReportSettings settings) {
        // the pool itself: Micronaut's wrapper hands out only the connection of a surrounding @Transactional method
        DataSource pool = DelegatingDataSource.unwrapDataSource(dataSource);
        return JdbcReportStore.on(pool::getConnection, settings.retention(), Clock.systemUTC());
    }
}
