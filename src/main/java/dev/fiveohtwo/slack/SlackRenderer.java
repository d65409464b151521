package dev.fiveohtwo.slack;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.github.jknack.handlebars.Context;
import com.github.jknack.handlebars.EscapingStrategy;
import com.github.jknack.handlebars.Handlebars;
import com.github.jknack.handlebars.Template;
import com.github.jknack.handlebars.cache.HighConcurrencyTemplateCache;
import com.github.jknack.handlebars.context.MapValueResolver;
import com.github.jknack.handlebars.context.MethodValueResolver;
import com.github.jknack.handlebars.io.ClassPathTemplateLoader;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The one place that turns view records into Block Kit JSON, through the Handlebars templates under
 * {@code src/main/resources/templates/}. {@code {{x}}} is mrkdwn-escaped and JSON-escaped; {@code {{plain x}}}
 * is JSON-escaped only, for plain_text fields and ids.
 */
@Singleton
final class SlackRenderer {
    private final Handlebars handlebars;

    SlackRenderer() {
        this.handlebars = new Handlebars(new ClassPathTemplateLoader("/templates", ".hbs"))
                .with(new HighConcurrencyTemplateCache())
                .with((EscapingStrategy) value -> json(SlackText.escape(value.toString())))
                .prettyPrint(false);
        handlebars.registerHelper("plain", (value, options) -> new Handlebars.SafeString(json(String.valueOf(value))));
    }

    /** The blocks array of template {@code name} for {@code view}. */
    String render(String name, Object view) {
        try {
            Template t = handlebars.compile(name);
            Context ctx = Context.newBuilder(view)
                    .resolver(MethodValueResolver.INSTANCE, MapValueResolver.INSTANCE)
                    .build();
            try {
                return t.apply(ctx);
            } finally {
                ctx.destroy();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("template " + name, e);
        }
    }

    /** The inside of a JSON string literal (Jackson's own escaping). */
    static String json(String s) {
        return new String(JsonStringEncoder.getInstance().quoteAsString(s));
    }
}
