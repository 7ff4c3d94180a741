package org.relaydesk.web.graphql;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.dataloader.DataLoaderRegistry;

/**
 * One request's loaders and what it already knows: the requester and assignee ids of the tickets it
 * fetched (read in one statement per list, so that the people behind a page of tickets are loaded
 * in one batch each, never one query per ticket).
 */
final class GraphQLBatch {
    record TicketKeys(UUID requesterId, UUID assigneeId, List<String> tags) {
    }

    final DataLoaderRegistry loaders;
    private final Map<UUID, TicketKeys> keys = new HashMap<>();

    GraphQLBatch(DataLoaderRegistry loaders) {
        this.loaders = loaders;
    }

    void remember(Map<UUID, TicketKeys> found) {
        keys.putAll(found);
    }

    void forgetAll() {
        keys.clear();
    }

    TicketKeys keysOf(UUID ticketId) {
        return keys.get(ticketId);
    }

    boolean knows(List<UUID> ticketIds) {
        return keys.keySet().containsAll(ticketIds);
    }
}
