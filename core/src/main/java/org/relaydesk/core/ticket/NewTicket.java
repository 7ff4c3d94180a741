package org.relaydesk.core.ticket;

import java.util.Set;
import java.util.UUID;

/**
 * What a new ticket is made from; text fields are validated by {@link TicketService#create}. The
 * requester is named by at least one of an email address, a phone number (E.164) or a WhatsApp id.
 */
public record NewTicket(String subject, String description, String requesterEmail, String requesterName,
        String priority, String type, UUID categoryId, UUID assigneeId, UUID teamId, UUID departmentId,
        Set<String> tags, String customFieldsJson, String sourceChannel, Set<String> requiredSkills, String requesterPhone,
        String requesterWhatsapp) {

    /** By email address (the requester's phone and WhatsApp id unknown). */
    public NewTicket(String subject, String description, String requesterEmail, String requesterName,
            String priority, String type, UUID categoryId, UUID assigneeId, UUID teamId, UUID departmentId,
            Set<String> tags, String customFieldsJson, String sourceChannel, Set<String> requiredSkills) {
        this(subject, description, requesterEmail, requesterName, priority, type, categoryId, assigneeId, teamId, departmentId, tags,
                customFieldsJson, sourceChannel, requiredSkills, null, null);
    }

    /** Without required skills (skill-based routing): what most callers create. */
    public NewTicket(String subject, String description, String requesterEmail, String requesterName, String priority, String type,
            UUID categoryId, UUID assigneeId, UUID teamId, UUID departmentId, Set<String> tags, String customFieldsJson, String sourceChannel) {
        this(subject, description, requesterEmail, requesterName, priority, type, categoryId, assigneeId, teamId, departmentId, tags,
                customFieldsJson, sourceChannel, null);
    }
}
