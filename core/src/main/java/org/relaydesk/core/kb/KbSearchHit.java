package org.relaydesk.core.kb;

import java.util.UUID;

/** A search result: {@code snippetHtml} is escaped text with the matched words in mark elements. */
public record KbSearchHit(UUID id, String slug, String title, String summary, String language, Visibility visibility, UUID categoryId,
        String snippetHtml, double score) {
}
