package org.relaydesk.core.privacy;


/**
 * The places outside tickets and contacts where a contact being erased leaves traces: originals of
 * what they sent (emptied, so that a provider's retry is still recognised and not filed again), channel
 * request logs listing their address, outbox entries and webhook deliveries carrying their address or
 * their tickets, delivery receipts of their tickets' messages, and the field changes, workflow runs,
 * reminders, survey notes and assistant records of their tickets.
 */
final class LogTraces {
    private static final String ERASED = ContactErasure.ERASED_TEXT;
    /** Field changes whose values are settings of the desk, never a person's data. */
    private static final String PLAIN_FIELDS = "'status', 'priority', 'type', 'team', 'team_id', 'assignee', 'assignee_id', 'category', 'category_id', "
            + "'department', 'department_id', 'sla', 'sla_policy'";

    private final ContactErasure.Scope scope;
    private final String tickets;
    private final String inbound;
    private final String requests;
    private final String outbox;
    private final String deliveries;
    private final String receipts;
    private final String events;

    LogTraces(ContactErasure.Scope scope) {
        this.scope = scope;
        this.tickets = scope.ticketList();
        this.inbound = "FROM inbound_messages WHERE workspace_id = CAST(?1 AS uuid) AND length(content) > 0 AND (ticket_id IN (" + tickets + ") "
                + "OR lower(from_address) = ANY (CAST(?5 AS text[])) OR lower(sender_key) = ANY (CAST(?5 AS text[])))";
        this.requests = "FROM channel_requests WHERE workspace_id = CAST(?1 AS uuid) AND (addresses && CAST(?5 AS text[]) "
                + "OR lower(coalesce(error, '')) ~ ANY (CAST(?3 AS text[])))";
        // what names them by address or number, whole; what names only their tickets is a log of work done (never a pending entry:
        // a ticket merged from another customer's carries replies still going to that customer)
        this.outbox = "FROM outbox WHERE workspace_id = CAST(?1 AS uuid) AND (lower(CAST(payload AS text)) ~ ANY (CAST(?3 AS text[])) "
                + "OR (status <> 'pending' AND CAST(payload AS text) LIKE ANY (CAST(?4 AS text[]))))";
        this.deliveries = "FROM webhook_deliveries WHERE workspace_id = CAST(?1 AS uuid) AND (lower(body) ~ ANY (CAST(?3 AS text[])) "
                + "OR (status <> 'pending' AND body LIKE ANY (CAST(?4 AS text[]))))";
        this.receipts = "FROM message_receipts WHERE workspace_id = CAST(?1 AS uuid) AND external_id IN (SELECT external_id FROM messages "
                + "WHERE ticket_id IN (" + tickets + ") AND external_id IS NOT NULL)";
        this.events = "FROM ticket_events WHERE workspace_id = CAST(?1 AS uuid) AND ticket_id IN (" + tickets + ") AND ("
                + "(coalesce(field, '') NOT IN (" + PLAIN_FIELDS + ") AND (before_value IS NOT NULL OR after_value IS NOT NULL)) "
                + "OR lower(coalesce(before_value, '')) ~ ANY (CAST(?3 AS text[])) OR lower(coalesce(after_value, '')) ~ ANY (CAST(?3 AS text[])) "
                + "OR (lower(actor_type) = 'customer' AND actor_name <> '" + ContactErasure.ERASED_NAME + "'))";
    }

    /** How many log entries an erasure empties or removes. */
    int count() {
        return scope.count("SELECT count(*) " + inbound) + scope.count("SELECT count(*) " + requests) + scope.count("SELECT count(*) " + outbox)
                + scope.count("SELECT count(*) " + deliveries) + scope.count("SELECT count(*) " + receipts) + scope.count("SELECT count(*) " + events);
    }

    void erase() {
        scope.update("UPDATE inbound_messages SET content = CAST('' AS bytea), from_address = NULL, sender_key = NULL, error = NULL "
                + inbound.substring(inbound.indexOf("WHERE")));
        scope.update("DELETE " + requests);
        scope.update("DELETE " + outbox);
        scope.update("DELETE " + deliveries);
        scope.update("DELETE " + receipts);
        // a plain field's value (a status, a team) is kept unless it holds an address or number of theirs: never judged by their name
        scope.update("UPDATE ticket_events SET before_value = CASE WHEN coalesce(field, '') IN (" + PLAIN_FIELDS + ") AND NOT lower(coalesce(before_value, '')) "
                + "~ ANY (CAST(?3 AS text[])) THEN before_value END, after_value = CASE WHEN coalesce(field, '') IN (" + PLAIN_FIELDS + ") AND NOT "
                + "lower(coalesce(after_value, '')) ~ ANY (CAST(?3 AS text[])) THEN after_value END, actor_name = CASE WHEN lower(actor_type) = 'customer' "
                + "THEN '" + ContactErasure.ERASED_NAME + "' ELSE actor_name END " + events.substring(events.indexOf("WHERE")));
        scope.update("UPDATE workflow_runs SET detail = '" + ERASED + "' WHERE workspace_id = CAST(?1 AS uuid) AND ticket_id IN (" + tickets + ") AND "
                + scope.mentions("detail"));
        scope.update("UPDATE ticket_reminders SET note = '" + ERASED + "' WHERE workspace_id = CAST(?1 AS uuid) AND ticket_id IN (" + tickets + ") AND "
                + scope.mentions("note"));
        // survey links and status links of their tickets stop working: nobody may add to what was erased through them
        scope.update("UPDATE csat_surveys SET reason = NULL, token_hash = NULL WHERE workspace_id = CAST(?1 AS uuid) AND ticket_id IN (" + tickets + ")");
        scope.update("DELETE FROM ticket_access_tokens WHERE workspace_id = CAST(?1 AS uuid) AND ticket_id IN (" + tickets + ")");
        scope.update("UPDATE chats SET visitor_token_hash = 'erased:' || CAST(id AS text) WHERE workspace_id = CAST(?1 AS uuid) AND ticket_id IN (" + tickets + ")");
        scope.update("UPDATE assist_events SET input = '" + ERASED + "', output = '" + ERASED + "' WHERE workspace_id = CAST(?1 AS uuid) AND ticket_id IN ("
                + tickets + ")");
    }
}
