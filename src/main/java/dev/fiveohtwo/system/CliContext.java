package dev.fiveohtwo.system;

import io.micronaut.context.DefaultApplicationContext;
import io.micronaut.context.DefaultApplicationContextBuilder;
import io.micronaut.core.io.service.MicronautMetaServiceLoaderUtils;
import io.micronaut.inject.BeanDefinitionReference;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The application context of the short commands ({@code check}, {@code kb}, {@code bench}, help and version): our
 * wiring plus Micronaut's core, configuration and JSON, nothing else.
 *
 * <p>Environments and {@code @Requires} cannot make a short command fast: Micronaut loads and initialises every bean
 * definition on the class path before it evaluates any requirement, and the server, Micronaut Data, Flyway,
 * management and Micrometer bring over 400 of them (4,000 classes, most of a second of CPU). This context never
 * loads them, so a short command starts no datasource, no Netty and no scheduled health monitor. {@code serve} and
 * {@code audit} run in a full context ({@link Contexts#bot()}).
 */
@SuppressWarnings({"overrides", "rawtypes"}) // Micronaut's own signatures: varargs declared as arrays, raw references
final class CliContext extends DefaultApplicationContext {
    /** Bean definitions a short command can use, by package: everything else stays unloaded. */
    private static final List<String> PACKAGES = List.of(
            "dev.fiveohtwo.cli.",
            "dev.fiveohtwo.system.",
            "io.micronaut.context.",
            "io.micronaut.inject.",
            "io.micronaut.aop.",
            "io.micronaut.runtime.context.env.",
            "io.micronaut.json.",
            "io.micronaut.serde.");

    CliContext() {
        super(new Environments("cli"));
    }

    /** Whether a short command's context loads the bean definition of this class. */
    static boolean loads(String beanDefinition) {
        return PACKAGES.stream().anyMatch(beanDefinition::startsWith);
    }

    @Override
    protected List<BeanDefinitionReference> resolveBeanDefinitionReferences() {
        List<BeanDefinitionReference> references = new ArrayList<>();
        for (String name : serviceEntries()) {
            if (loads(name)) {
                load(name, references);
            }
        }
        return references;
    }

    private List<String> serviceEntries() {
        try {
            return List.copyOf(MicronautMetaServiceLoaderUtils.findMicronautMetaServiceEntries(
                    getClassLoader(), BeanDefinitionReference.class.getName()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the bean definitions", e);
        }
    }

    private void load(String name, List<BeanDefinitionReference> into) {
        try {
            BeanDefinitionReference<?> reference =
                    (BeanDefinitionReference<?>) Class.forName(name, true, getClassLoader())
                            .getDeclaredConstructor()
                            .newInstance();
            if (reference.isPresent()) {
                into.add(reference);
            }
        } catch (ReflectiveOperationException | LinkageError e) {
            // as Micronaut's own loader does: a definition whose classes are missing (javax.inject) is not a bean
        }
    }

    /** The builder's settings, without its {@code build()}, which always makes a full context. */
    private static final class Environments extends DefaultApplicationContextBuilder {
        Environments(String... names) {
            environments(names);
            banner(false);
        }
    }
}
