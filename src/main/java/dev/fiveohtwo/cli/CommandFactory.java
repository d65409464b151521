package dev.fiveohtwo.cli;

import io.micronaut.context.ApplicationContext;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.IFactory;

/**
 * Commands from the application context, anything else (version provider, converters, picocli's own help command)
 * by picocli. Micronaut's {@code MicronautFactory} would look the rest up as bean introspections, which loads all
 * 244 of them, Micronaut Data's included, on every run.
 */
final class CommandFactory implements IFactory {
    private final ApplicationContext context;

    CommandFactory(ApplicationContext context) {
        this.context = context;
    }

    @Override
    public <K> K create(Class<K> type) throws Exception {
        Optional<K> bean = context.findBean(type);
        return bean.isPresent() ? bean.get() : CommandLine.defaultFactory().create(type);
    }
}
