package org.relaydesk.api.assist;

import java.util.Objects;
import java.util.UUID;

/**
 * An article or a solved ticket that matches, with the passage that matched and a score in [0, 1].
 * {@code id} is the article's or the ticket's; {@code title} its title or subject; {@code url} the
 * article's address in the help centre (null for a ticket).
 */
public record KnowledgeHit(Source source, UUID id, String title, String url, String passage, double score) {

    public KnowledgeHit {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(id, "id");
        title = title == null ? "" : title;
        passage = passage == null ? "" : passage;
    }

    public enum Source {
        ARTICLE, TICKET
    }

    /** Who will read the result: customers see only public and customers' articles and never tickets; staff see everything. */
    public enum Audience {
        PUBLIC, CUSTOMERS, STAFF
    }
}
