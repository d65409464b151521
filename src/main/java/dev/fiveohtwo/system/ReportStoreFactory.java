package dev.fiveohtwo.system;

import dev.fiveohtwo.reports.JdbcReportStore;
import dev.fiveohtwo.reports.ReportStore;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.time.Clock;
import javax.sql.DataSource;

/** The bot's report store, on the database the {@code bot} environment configures (the short commands open their own). */
@Factory
final class ReportStoreFactory {

    @Singleton
    @Requires(beans = DataSource.class)
    ReportStore reportStore(DataSource dataSource, ReportSettings settings) {
        return JdbcReportStore.on(dataSource::getConnection, settings.retention(), Clock.systemUTC());
    }
}
