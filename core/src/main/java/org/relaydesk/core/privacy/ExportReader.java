package org.relaydesk.core.privacy;


import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.relaydesk.core.persistence.NativeRows;
import org.relaydesk.core.persistence.Tenancy;
import org.relaydesk.core.text.Jsonp;

/**
 * The reads behind a contact's export, each bounded to the workspace (beside its row-level security)
 * and, for a customer's own export, to what the portal shows them: no internal notes, no custom fields,
 * no system events, no files of unsent drafts.
 */
final class ExportReader {
    record TicketRow(UUID id, long number) {
    }

    record FileRow(UUID id, UUID messageId, String name, String type, long size) {
    }

    private final Tenancy tenancy;
    private final String workspace;
    private final boolean staff;
    /** The contact exported: a ticket merged from another customer's holds that customer's conversation too, which is theirs, not this one's. */
    private final String contact;

    ExportReader(Tenancy tenancy, UUID workspaceId, boolean staff, UUID contactId) {
        this.tenancy = tenancy;
        this.workspace = workspaceId.toString();
        this.staff = staff;
        this.contact = contactId.toString();
    }

    /** For the customer, only messages of their own conversation (as the portal shows them); staff see the whole ticket. */
    private String conversationOnly(String alias) {
        return staff ? "" : " AND (" + alias + "conversation_contact_id IS NULL OR " + alias + "conversation_contact_id = CAST('" + contact + "' AS uuid))";
    }

    Optional<JsonObject> contact(UUID contactId) {
        List<Object[]> found = NativeRows.of(tenancy.sql("SELECT name, primary_email, organization, created_at FROM contacts "
                + "WHERE id = CAST(?1 AS uuid) AND workspace_id = CAST(?2 AS uuid)").setParameter(1, contactId.toString())
                .setParameter(2, workspace).getResultList());
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Object[] row = found.get(0);
        JsonArrayBuilder identities = Jsonp.createArrayBuilder();
        for (Object[] identity : NativeRows.of(tenancy.sql("SELECT kind, value FROM contact_identities WHERE contact_id = CAST(?1 AS uuid) "
                + "AND workspace_id = CAST(?2 AS uuid) ORDER BY kind, value").setParameter(1, contactId.toString()).setParameter(2, workspace)
                .getResultList())) {
            identities.add(Jsonp.createObjectBuilder().add("kind", identity[0].toString().toLowerCase(java.util.Locale.ROOT))
                    .add("value", identity[1].toString()));
        }
        JsonObjectBuilder contact = Jsonp.createObjectBuilder().add("id", contactId.toString()).add("name", text(row[0]))
                .add("email", text(row[1])).add("organization", text(row[2])).add("created_at", text(NativeRows.iso(row[3]))).add("identities", identities);
        List<Object[]> account = NativeRows.of(tenancy.sql("SELECT email, name, verified_at, created_at FROM customer_accounts "
                + "WHERE contact_id = CAST(?1 AS uuid) AND workspace_id = CAST(?2 AS uuid)").setParameter(1, contactId.toString())
                .setParameter(2, workspace).getResultList());
        if (!account.isEmpty()) {
            Object[] a = account.get(0);
            contact.add("portal_account", Jsonp.createObjectBuilder().add("email", text(a[0])).add("name", text(a[1]))
                    .add("email_confirmed_at", text(NativeRows.iso(a[2]))).add("created_at", text(NativeRows.iso(a[3]))));
        }
        return Optional.of(contact.build());
    }

    List<TicketRow> ticketsAskedBy(UUID contactId) {
        return NativeRows.of(tenancy.sql("SELECT CAST(id AS text), number FROM tickets WHERE requester_id = CAST(?1 AS uuid) "
                + "AND workspace_id = CAST(?2 AS uuid) ORDER BY number").setParameter(1, contactId.toString()).setParameter(2, workspace)
                .getResultList()).stream().map(r -> new TicketRow(UUID.fromString(r[0].toString()), ((Number) r[1]).longValue())).toList();
    }

    JsonObjectBuilder ticket(TicketRow ticket) {
        Object[] t = NativeRows.of(tenancy.sql("SELECT t.subject, t.description, t.status, t.priority, t.type, t.source_channel, t.created_at, "
                + "t.updated_at, t.first_response_at, t.resolved_at, t.closed_at, c.name, CAST(t.custom_fields AS text) FROM tickets t "
                + "LEFT JOIN ticket_categories c ON c.id = t.category_id WHERE t.id = CAST(?1 AS uuid) AND t.workspace_id = CAST(?2 AS uuid)")
                .setParameter(1, ticket.id().toString()).setParameter(2, workspace).getResultList()).get(0);
        JsonArrayBuilder tags = Jsonp.createArrayBuilder();
        for (Object tag : tenancy.sql("SELECT tag FROM ticket_tags WHERE ticket_id = CAST(?1 AS uuid) ORDER BY tag")
                .setParameter(1, ticket.id().toString()).getResultList()) {
            tags.add(tag.toString());
        }
        JsonObjectBuilder json = Jsonp.createObjectBuilder().add("number", ticket.number()).add("subject", text(t[0]))
                .add("description", text(t[1])).add("status", lower(t[2])).add("channel", text(t[5])).add("created_at", text(NativeRows.iso(t[6])))
                .add("updated_at", text(NativeRows.iso(t[7]))).add("resolved_at", text(NativeRows.iso(t[9]))).add("closed_at", text(NativeRows.iso(t[10])))
                .add("messages", messages(ticket.id()));
        if (staff) {
            // how the desk filed it: labels the portal does not show its customer
            json.add("priority", lower(t[3])).add("type", lower(t[4])).add("first_response_at", text(NativeRows.iso(t[8]))).add("category", text(t[11]))
                    .add("tags", tags).add("custom_fields", Jsonp.createReader(t[12] == null ? "{}" : t[12].toString()).readObject());
        }
        JsonArrayBuilder ratings = Jsonp.createArrayBuilder();
        for (Object[] rating : NativeRows.of(tenancy.sql("SELECT rating, feedback, created_at FROM satisfaction_ratings WHERE ticket_id = CAST(?1 AS uuid) "
                + "ORDER BY created_at").setParameter(1, ticket.id().toString()).getResultList())) {
            ratings.add(Jsonp.createObjectBuilder().add("score", ((Number) rating[0]).intValue()).add("comment", text(rating[1]))
                    .add("rated_at", text(NativeRows.iso(rating[2]))));
        }
        json.add("ratings", ratings);
        return json;
    }

    private JsonArrayBuilder messages(UUID ticketId) {
        JsonArrayBuilder messages = Jsonp.createArrayBuilder();
        for (Object[] m : NativeRows.of(tenancy.sql("SELECT CAST(id AS text), kind, author_type, author_name, body_text, created_at, source, CAST(conversation_contact_id AS text) FROM messages "
                + "WHERE ticket_id = CAST(?1 AS uuid) AND kind IN (" + (staff ? "'REPLY', 'NOTE'" : "'REPLY'") + ")" + conversationOnly("") + " ORDER BY created_at, id")
                .setParameter(1, ticketId.toString()).getResultList())) {
            JsonObjectBuilder message = Jsonp.createObjectBuilder().add("id", m[0].toString()).add("at", text(NativeRows.iso(m[5])))
                    .add("from", lower(m[2])).add("author", text(m[3])).add("channel", text(m[6])).add("text", text(m[4]));
            if (staff) {
                message.add("internal", "NOTE".equals(m[1].toString())).add("conversation_of", m[7] == null ? "" : m[7].toString());
            }
            messages.add(message);
        }
        return messages;
    }

    /** The ticket's files that were sent (with the ticket or a message this audience sees), not drafts' uploads. */
    List<FileRow> files(UUID ticketId) {
        return NativeRows.of(tenancy.sql("SELECT CAST(a.id AS text), CAST(a.message_id AS text), a.file_name, a.content_type, a.size_bytes FROM attachments a "
                + "LEFT JOIN messages m ON m.id = a.message_id WHERE a.ticket_id = CAST(?1 AS uuid) AND a.workspace_id = CAST(?2 AS uuid) "
                + "AND (a.on_description OR (m.kind IN (" + (staff ? "'REPLY', 'NOTE'" : "'REPLY'") + ")" + conversationOnly("m.") + ")) ORDER BY a.created_at, a.id")
                .setParameter(1, ticketId.toString()).setParameter(2, workspace).getResultList()).stream()
                .map(r -> new FileRow(UUID.fromString(r[0].toString()), r[1] == null ? null : UUID.fromString(r[1].toString()), r[2].toString(),
                        r[3].toString(), ((Number) r[4]).longValue())).toList();
    }

    /** One file's bytes, read when it is written to the archive (never all of them at once). */
    byte[] content(UUID attachmentId) {
        return (byte[]) tenancy.sql("SELECT content FROM attachments WHERE id = CAST(?1 AS uuid) AND workspace_id = CAST(?2 AS uuid)")
                .setParameter(1, attachmentId.toString()).setParameter(2, workspace).getSingleResult();
    }

    /**
     * The contact's conversation on tickets someone else asked: what they wrote there, and the public
     * replies to them (a ticket of theirs merged into another customer's keeps their conversation).
     */
    JsonArrayBuilder ownMessagesElsewhere(UUID contactId) {
        JsonArrayBuilder messages = Jsonp.createArrayBuilder();
        for (Object[] m : NativeRows.of(tenancy.sql("SELECT t.number, m.author_type, m.author_name, m.body_text, m.created_at, m.source FROM messages m "
                + "JOIN tickets t ON t.id = m.ticket_id WHERE m.workspace_id = CAST(?2 AS uuid) AND m.kind = 'REPLY' "
                + "AND (m.author_contact_id = CAST(?1 AS uuid) OR m.conversation_contact_id = CAST(?1 AS uuid)) "
                + "AND (t.requester_id IS NULL OR t.requester_id <> CAST(?1 AS uuid)) ORDER BY m.created_at, m.id")
                .setParameter(1, contactId.toString()).setParameter(2, workspace).getResultList())) {
            messages.add(Jsonp.createObjectBuilder().add("ticket_number", ((Number) m[0]).longValue()).add("at", text(NativeRows.iso(m[4])))
                    .add("from", lower(m[1])).add("author", text(m[2])).add("channel", text(m[5])).add("text", text(m[3])));
        }
        return messages;
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString();
    }

    private static String lower(Object value) {
        return value == null ? "" : value.toString().toLowerCase(java.util.Locale.ROOT);
    }
}
