package org.relaydesk.core.ticket;

import java.util.Set;
import java.util.UUID;

/** What a new ticket is made from; text fields are validated by {@link TicketService#create}. */
public record NewTicket(String subject, String description, String requesterEmail, String requesterName,
        String priority, String type, UUID categoryId, UUID assigneeId, UUID teamId, UUID departmentId,
        Set<String> tags, String customFieldsJson, String sourceChannel, Set<String> requiredSkills) {

    /** Without required skills (skill-based routing): what most callers create. */
    public NewTicket(String subject, String description, String requesterEmail, String requesterName, String priority, String type,
            UUID categoryId, UUID assigneeId, UUID teamId, UUID departmentId, Set<String> tags, String customFieldsJson, String sourceChannel) {
        this(subject, description, requesterEmail, requesterName, priority, type, categoryId, assigneeId, teamId, departmentId, tags,
                customFieldsJson, sourceChannel, null);
    }
}
