package org.relaydesk.core.kb;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * What an editor sends for an article. {@code slug} empty: made from the title. {@code translationOf}
 * (on create only): the article this one translates, whose group it joins. {@code categoryId} null: uncategorised.
 */
public record ArticleInput(String title, String slug, String summary, String body, String language, UUID categoryId, List<String> tags,
        String visibility, LocalDate reviewOn, UUID translationOf, String note) {
}
