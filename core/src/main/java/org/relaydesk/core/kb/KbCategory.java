package org.relaydesk.core.kb;

import java.util.UUID;

/** A node of the category tree; siblings are ordered by position, then name. */
public record KbCategory(UUID id, UUID parentId, String slug, String name, String description, int position) {
}
