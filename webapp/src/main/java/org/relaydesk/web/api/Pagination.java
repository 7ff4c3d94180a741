package org.relaydesk.web.api;

import jakarta.json.bind.annotation.JsonbProperty;

/**
 * The list envelope's paging block; {@code totalPages} is camelCase as in seed 003. total_capped is
 * true when a text search found more hits than it counts (total is then the cap).
 */
public record Pagination(int page, int limit, long total, @JsonbProperty("totalPages") int totalPages,
        @JsonbProperty("total_capped") boolean totalCapped) {
}
