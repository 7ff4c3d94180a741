package org.relaydesk.core.kb;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** An article as stored: body_html is sanitised on every save, body_text is its plain text. */
public record KbArticle(UUID id, UUID workspaceId, UUID categoryId, UUID translationGroup, String language, String slug, String title,
        String summary, String bodyHtml, String bodyText, List<String> tags, ArticleStatus status, Visibility visibility, UUID authorId,
        String authorName, LocalDate reviewOn, int version, long viewCount, int helpfulYes, int helpfulNo, Instant publishedAt,
        Instant createdAt, Instant updatedAt) {
}
