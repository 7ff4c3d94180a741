package org.relaydesk.core.kb;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** One saved state of an article; reverting copies it into a new version. */
public record KbVersion(UUID id, UUID articleId, int number, String title, String summary, String bodyHtml, List<String> tags, String note,
        String savedByName, Instant savedAt) {
}
