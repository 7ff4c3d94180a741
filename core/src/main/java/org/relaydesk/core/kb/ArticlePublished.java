package org.relaydesk.core.kb;

import java.time.Instant;
import java.util.UUID;

/**
 * Domain event: an article went from draft to published, in the transaction of the change. It
 * carries what observers tell of it (the knowledge base writes through its own connection, so they
 * need not read the article back).
 */
public record ArticlePublished(UUID workspaceId, UUID articleId, String title, String slug, String language, String visibility, UUID categoryId,
        Instant publishedAt) {

    static ArticlePublished of(KbArticle article) {
        return new ArticlePublished(article.workspaceId(), article.id(), article.title(), article.slug(), article.language(),
                article.visibility().apiName(), article.categoryId(), article.publishedAt());
    }
}
