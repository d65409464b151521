package dev.fiveohtwo.slack;

import dev.fiveohtwo.knowledge.Article;
import jakarta.inject.Singleton;

/** Posts a fix guide: in the channel or thread when there is one, else ephemerally through the response_url. */
@Singleton
final class FixGuides {
    private final SlackPoster poster;
    private final SlackRenderer renderer;
    private final SlackViews views;

    FixGuides(SlackPoster poster, SlackRenderer renderer, SlackViews views) {
        this.poster = poster;
        this.renderer = renderer;
        this.views = views;
    }

    /** One message per ten sections. */
    void post(Article a, Conversation to) {
        for (Views.Guide g : views.guide(a)) {
            if (to.threadTs() == null && to.channelId() == null) {
                poster.ephemeral(to.responseUrl(), a.title(), renderer.render("guide", g));
            } else {
                poster.post(to, a.title(), renderer.render("guide", g));
            }
        }
    }
}
