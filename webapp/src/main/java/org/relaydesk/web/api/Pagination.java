package org.relaydesk.web.api;

import jakarta.json.bind.annotation.JsonbProperty;

/** The list envelope's paging block; {@code totalPages} is camelCase as in seed 003. */
public record Pagination(int page, int limit, long total, @JsonbProperty("totalPages") int totalPages) {
}
