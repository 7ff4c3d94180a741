package org.relaydesk.core.webhook;

import java.util.Arrays;
import java.util.Optional;

/** What a webhook can subscribe to, with the name receivers see in the payload's {@code event} field. */
public enum WebhookEvent {
    TICKET_CREATED("ticket.created", "A ticket was created (by a customer, an agent, a channel or the API)"),
    TICKET_UPDATED("ticket.updated", "A ticket's fields or status changed, it was reopened, unassigned or merged into"),
    TICKET_RESOLVED("ticket.resolved", "A ticket was resolved"),
    TICKET_CLOSED("ticket.closed", "A ticket was closed"),
    TICKET_COMMENT_ADDED("ticket.comment.added", "A reply, a customer's message or an internal note (is_internal) was added"),
    TICKET_ASSIGNED("ticket.assigned", "A ticket was assigned to an agent, by hand or by routing"),
    TICKET_SLA_AT_RISK("ticket.sla.at_risk", "An SLA target of a ticket is about to be missed"),
    TICKET_SLA_BREACHED("ticket.sla.breached", "An SLA target of a ticket was missed"),
    TICKET_DELETED("ticket.deleted", "A ticket was deleted"),
    CONTACT_CREATED("contact.created", "A contact was created"),
    CONTACT_MERGED("contact.merged", "Two contacts were merged into one"),
    CSAT_RATED("csat.rated", "A customer rated the support they had"),
    KB_ARTICLE_PUBLISHED("kb.article.published", "A knowledge-base article was published"),
    /** Sent only by "Send test" on the admin page and POST /api/webhooks/{id}/ping; never subscribed to. */
    PING("webhook.ping", "A test delivery");

    private final String apiName;
    private final String description;

    WebhookEvent(String apiName, String description) {
        this.apiName = apiName;
        this.description = description;
    }

    public String apiName() {
        return apiName;
    }

    public String description() {
        return description;
    }

    public boolean subscribable() {
        return this != PING;
    }

    public static Optional<WebhookEvent> byApiName(String name) {
        return Arrays.stream(values()).filter(e -> e.apiName.equals(name)).findFirst();
    }

    /** The event a ticket change is, if any ({@code action} as on TicketChanged). */
    public static Optional<WebhookEvent> ofTicketAction(String action) {
        return Optional.ofNullable(switch (action) {
            case "created" -> TICKET_CREATED;
            case "updated", "status_changed", "reopened", "unassigned", "merged" -> TICKET_UPDATED;
            case "resolved" -> TICKET_RESOLVED;
            case "closed" -> TICKET_CLOSED;
            case "comment_added", "note_added", "customer_replied", "auto_replied" -> TICKET_COMMENT_ADDED;
            case "assigned", "auto_assigned" -> TICKET_ASSIGNED;
            case "deleted" -> TICKET_DELETED;
            default -> null; // SLA moments are published with their detail by the SLA watcher
        });
    }
}
