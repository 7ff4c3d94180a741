package org.relaydesk.bench;

import java.util.Collections;

/**
 * The tables that seeding writes, in foreign-key order, with the columns it fills. Generated
 * columns (search_vector) and those left to their defaults (custom_fields, version) are absent.
 * Both loaders use these lists, so COPY and the JDBC batches write exactly the same rows.
 */
enum Table {
    CONTACTS("contacts", "id", "workspace_id", "name", "primary_email", "organization", "created_at"),
    CONTACT_IDENTITIES("contact_identities", "id", "workspace_id", "contact_id", "kind", "value"),
    TICKETS("tickets", "id", "workspace_id", "number", "subject", "description", "status", "priority", "priority_rank", "type",
            "category_id", "requester_id", "assignee_id", "source_channel", "first_response_at", "resolved_at", "closed_at",
            "created_at", "updated_at"),
    TICKET_TAGS("ticket_tags", "ticket_id", "tag"),
    MESSAGES("messages", "id", "workspace_id", "ticket_id", "kind", "author_type", "author_user_id", "author_contact_id",
            "author_name", "body_html", "body_text", "created_at"),
    TICKET_EVENTS("ticket_events", "id", "workspace_id", "ticket_id", "action", "actor_type", "actor_id", "actor_name",
            "created_at");

    private final String name;
    private final String[] columns;

    Table(String name, String... columns) {
        this.name = name;
        this.columns = columns;
    }

    int columnCount() {
        return columns.length;
    }

    String copySql() {
        return "COPY " + name + " (" + String.join(", ", columns) + ") FROM STDIN (FORMAT csv)";
    }

    String insertSql() {
        return "INSERT INTO " + name + " (" + String.join(", ", columns) + ") VALUES ("
                + String.join(", ", Collections.nCopies(columns.length, "?")) + ")";
    }
}
