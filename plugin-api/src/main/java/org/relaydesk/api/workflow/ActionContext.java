package org.relaydesk.api.workflow;

import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.relaydesk.api.ticket.TicketPriority;
import org.relaydesk.api.ticket.TicketStatus;

/**
 * The ticket a rule fired for, and what an action may do to it. Changes made here are made as the
 * rule (its name on the timeline) and go through the same checks as an agent's.
 */
public interface ActionContext {
    /** The rule that runs, for messages. */
    String ruleName();

    TicketSnapshot ticket();

    void setPriority(TicketPriority priority) throws ActionFailedException;

    void setStatus(TicketStatus status) throws ActionFailedException;

    void assignTo(UUID userId) throws ActionFailedException;

    void moveToTeam(UUID teamId) throws ActionFailedException;

    void addTag(String tag) throws ActionFailedException;

    void removeTag(String tag) throws ActionFailedException;

    void addInternalNote(String text) throws ActionFailedException;

    /** A public reply to the customer (HTML is sanitized). */
    void reply(String text) throws ActionFailedException;

    /** A public reply with a canned response, its variables filled in for this ticket. */
    void replyWithCannedResponse(UUID cannedResponseId) throws ActionFailedException;

    /** Queues an email to staff (delivered by the email channel): the assignee, the ticket's team, its supervisors or all agents. */
    void notifyStaff(Recipients recipients, String message) throws ActionFailedException;

    enum Recipients {
        ASSIGNEE, TEAM, SUPERVISORS, ALL_AGENTS
    }

    /** The ticket as the action sees it, at the moment it runs. */
    record TicketSnapshot(UUID id, long number, String subject, String description, TicketStatus status, TicketPriority priority,
            String channel, String requesterEmail, UUID assigneeId, UUID teamId, UUID categoryId, Set<String> tags,
            Map<String, String> customFields) {
    }
}
