package org.relaydesk.core.kb;

import java.util.UUID;

/** Domain event: an article went from draft to published, in the transaction of the change. */
public record ArticlePublished(UUID workspaceId, UUID articleId) {
}
