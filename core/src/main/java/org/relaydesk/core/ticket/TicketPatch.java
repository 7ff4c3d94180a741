package org.relaydesk.core.ticket;

import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * A partial update: a null component means "leave as is". For fields that may be cleared, an empty
 * Optional means "set to none".
 */
public record TicketPatch(String subject, String description, String status, String priority, String type,
        Optional<UUID> categoryId, Optional<UUID> assigneeId, Optional<UUID> teamId, Optional<UUID> departmentId,
        Set<String> tags, String customFieldsJson, Set<String> requiredSkills) {

    /** Leaving the required skills as they are. */
    public TicketPatch(String subject, String description, String status, String priority, String type, Optional<UUID> categoryId,
            Optional<UUID> assigneeId, Optional<UUID> teamId, Optional<UUID> departmentId, Set<String> tags, String customFieldsJson) {
        this(subject, description, status, priority, type, categoryId, assigneeId, teamId, departmentId, tags, customFieldsJson, null);
    }
}
