package org.relaydesk.core.kb;

import java.util.UUID;

/** What an editor sends for a category; {@code slug} empty: made from the name. */
public record CategoryInput(String name, String slug, String description, UUID parentId, Integer position) {
}
