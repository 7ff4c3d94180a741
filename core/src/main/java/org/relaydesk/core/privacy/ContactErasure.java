package org.relaydesk.core.privacy;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.relaydesk.core.audit.AuditAction;
import org.relaydesk.core.audit.Audited;
import org.relaydesk.core.error.ConflictException;
import org.relaydesk.core.error.NotFoundException;
import org.relaydesk.core.error.PermissionDeniedException;
import org.relaydesk.core.persistence.NativeRows;
import org.relaydesk.core.persistence.Tenancy;
import org.relaydesk.core.user.AuthenticatedUser;
import org.relaydesk.core.user.Role;

/**
 * Erases a contact's personal data (GDPR article 17) while the tickets they asked keep their
 * statistics: the contact becomes "Erased contact" with no address, number or organisation (and so do
 * contacts merged into it); their identities, portal account, widget and channel traces go; what they
 * wrote (descriptions, messages, rating comments) and, as the admin chooses, what staff wrote on their
 * tickets, their tickets' subjects and files are replaced or deleted; logs that name them (inbound
 * originals, channel request logs, the outbox, webhook deliveries, field changes, assistant records)
 * are emptied or deleted. Statuses, priorities, teams, times, SLA figures and rating scores stay.
 * The audit log records that it happened, naming the contact by id only. One transaction: all or nothing.
 */
@ApplicationScoped
public class ContactErasure {
    public static final String ERASED_NAME = "Erased contact";
    static final String ERASED_TEXT = "[erased]";
    private static final String THEIRS_ON_THEIR_TICKETS = "(ticket_id IN (TICKETS) AND (conversation_contact_id IS NULL OR conversation_contact_id IN (CONTACTS)))";

    /** What besides the contact's own data goes: staff messages on their tickets, the tickets' subjects, their files. */
    public record Options(boolean staffMessages, boolean subjects, boolean attachments) {
        public static final Options ALL = new Options(true, true, true);
    }

    /** What an erasure changes (or, as a preview, would change). */
    public record Report(UUID contactId, boolean preview, int contacts, int tickets, int customerMessages, int staffMessages, int attachments,
            int identities, boolean portalAccount, int logEntries) {
    }

    @Inject
    Tenancy tenancy;

    @Inject
    Event<Audited> audit;

    /** What {@link #erase} would do, changing nothing. */
    @Transactional
    public Report preview(AuthenticatedUser admin, UUID contactId, Options options) {
        return run(admin, contactId, options, true);
    }

    @Transactional
    public Report erase(AuthenticatedUser admin, UUID contactId, Options options) {
        Report report = run(admin, contactId, options, false);
        audit.fire(Audited.of(admin.workspaceId(), AuditAction.CONTACT_ERASED, "contact", contactId, null).changed(null,
                report.tickets() + " tickets kept without personal data; " + report.customerMessages() + " of their messages"
                        + (options.staffMessages() ? " and " + report.staffMessages() + " staff messages" : "") + " erased"
                        + (options.subjects() ? ", subjects erased" : "") + (options.attachments() ? ", " + report.attachments() + " files deleted" : "")
                        + ", " + report.identities() + " identities and " + report.logEntries() + " log entries removed"));
        return report;
    }

    private Report run(AuthenticatedUser admin, UUID contactId, Options options, boolean preview) {
        if (!admin.may(Role.ADMIN)) {
            throw new PermissionDeniedException("Only admins can erase a contact's data");
        }
        tenancy.actAs(admin.workspaceId());
        Scope scope = new Scope(tenancy, admin.workspaceId().toString());
        List<Object[]> found = NativeRows.of(tenancy.sql("SELECT erased_at, merged_into_id FROM contacts WHERE id = CAST(?1 AS uuid) "
                + "AND workspace_id = CAST(?2 AS uuid)" + (preview ? "" : " FOR UPDATE")).setParameter(1, contactId.toString())
                .setParameter(2, scope.workspace).getResultList());
        if (found.isEmpty()) {
            throw new NotFoundException("Contact");
        }
        if (found.get(0)[0] != null) {
            throw new ConflictException("This contact's personal data was erased already");
        }
        if (found.get(0)[1] != null) {
            throw new ConflictException("This contact was merged into another: erase that one (" + found.get(0)[1] + "), which holds their data now");
        }
        scope.load(contactId);
        if (!scope.tickets.isEmpty() && scope.count("SELECT count(*) FROM tickets WHERE workspace_id = CAST(?1 AS uuid) AND legal_hold_at IS NOT NULL "
                + "AND id IN (" + scope.ticketList() + ")") > 0) {
            throw new ConflictException("Some of their tickets are under legal hold (kept for a dispute or an investigation): lift the hold "
                    + "before erasing their personal data");
        }
        // a ticket of theirs may hold another customer's conversation (merged into it): that one is not theirs to erase
        String theirConversations = "(" + THEIRS_ON_THEIR_TICKETS.replace("TICKETS", scope.ticketList()).replace("CONTACTS", scope.contactList())
                + " OR conversation_contact_id IN (" + scope.contactList() + "))";
        String customerWritten = "(author_contact_id IN (" + scope.contactList() + ") OR (author_type = 'CUSTOMER' AND " + theirConversations + "))";
        String staffWritten = "(author_type <> 'CUSTOMER' AND kind <> 'EVENT' AND " + theirConversations + ")";
        int customerMessages = scope.count("SELECT count(*) FROM messages WHERE workspace_id = CAST(?1 AS uuid) AND kind <> 'EVENT' AND " + customerWritten);
        int staffMessages = scope.count("SELECT count(*) FROM messages WHERE workspace_id = CAST(?1 AS uuid) AND " + staffWritten);
        String files = "FROM attachments WHERE workspace_id = CAST(?1 AS uuid) AND (ticket_id IN (" + scope.ticketList() + ") OR message_id IN "
                + "(SELECT id FROM messages WHERE author_contact_id IN (" + scope.contactList() + ")))";
        int attachments = scope.count("SELECT count(*) " + files);
        int identities = scope.count("SELECT count(*) FROM contact_identities WHERE contact_id IN (" + scope.contactList() + ")");
        boolean account = scope.count("SELECT count(*) FROM customer_accounts WHERE contact_id IN (" + scope.contactList() + ")") > 0;
        LogTraces logs = new LogTraces(scope);
        int logEntries = logs.count();
        Report report = new Report(contactId, preview, scope.contacts.size(), scope.tickets.size(), customerMessages, staffMessages,
                options.attachments() ? attachments : 0, identities, account, logEntries);
        if (preview) {
            return report;
        }
        // what they wrote, wherever they wrote it
        scope.update("UPDATE messages SET body_text = '" + ERASED_TEXT + "', body_html = '<p>" + ERASED_TEXT + "</p>', author_name = '" + ERASED_NAME
                + "', not_sent_reason = NULL WHERE workspace_id = CAST(?1 AS uuid) AND " + customerWritten);
        if (options.staffMessages()) {
            scope.update("UPDATE messages SET body_text = '" + ERASED_TEXT + "', body_html = '<p>" + ERASED_TEXT + "</p>', not_sent_reason = NULL "
                    + "WHERE workspace_id = CAST(?1 AS uuid) AND " + staffWritten);
        }
        // automatic lines name them, on their tickets and elsewhere ("Contact Ria Patel merged into …", "Automatic message from ria@…")
        scope.update("UPDATE messages SET body_text = '" + ERASED_TEXT + "', body_html = '<p>" + ERASED_TEXT + "</p>' WHERE workspace_id = CAST(?1 AS uuid) "
                + "AND (kind = 'EVENT' OR author_type IN ('SYSTEM', 'BOT')) AND " + scope.mentions("body_text"));
        if (options.attachments()) {
            scope.update("DELETE " + files);
        }
        scope.update("UPDATE tickets SET version = version + 1, description = '" + ERASED_TEXT + "', custom_fields = '{}'" + (options.subjects() ? ", subject = '" + ERASED_TEXT + "'" : "")
                + " WHERE workspace_id = CAST(?1 AS uuid) AND id IN (" + scope.ticketList() + ")");
        scope.update("UPDATE satisfaction_ratings SET feedback = NULL WHERE workspace_id = CAST(?1 AS uuid) AND ticket_id IN (" + scope.ticketList() + ")");
        scope.update("UPDATE chats SET page_url = NULL WHERE workspace_id = CAST(?1 AS uuid) AND ticket_id IN (" + scope.ticketList() + ")");
        logs.erase();
        // who they are
        scope.update("DELETE FROM customer_accounts WHERE workspace_id = CAST(?1 AS uuid) AND contact_id IN (" + scope.contactList() + ")");
        scope.update("DELETE FROM widget_visitor_tokens WHERE workspace_id = CAST(?1 AS uuid) AND contact_id IN (" + scope.contactList() + ")");
        scope.update("DELETE FROM contact_channel_activity WHERE workspace_id = CAST(?1 AS uuid) AND contact_id IN (" + scope.contactList() + ")");
        scope.update("DELETE FROM contact_identities WHERE workspace_id = CAST(?1 AS uuid) AND contact_id IN (" + scope.contactList() + ")");
        scope.update("UPDATE contacts SET name = '" + ERASED_NAME + "', primary_email = NULL, organization = NULL, erased_at = now() "
                + "WHERE workspace_id = CAST(?1 AS uuid) AND id IN (" + scope.contactList() + ")");
        tenancy.em().clear(); // entities read earlier in this transaction must not be written back over the erasure
        return report;
    }

    /**
     * Whom and what an erasure is about: the contact and every contact merged into it, the tickets they
     * asked, and the strings that identify them in logs (addresses and numbers, lower-cased, numbers also
     * as bare digits). Ids are interpolated as checked UUIDs; strings are always bound as parameters.
     */
    static final class Scope {
        final Tenancy tenancy;
        final String workspace;
        final Set<UUID> contacts = new LinkedHashSet<>();
        final Set<UUID> tickets = new LinkedHashSet<>();
        final Set<String> needles = new LinkedHashSet<>();
        final Set<String> names = new LinkedHashSet<>();
        /** Their phone and WhatsApp numbers as bare digits, found in text whatever their spacing ("+1 (415) 555-0177"). */
        final Set<String> numbers = new LinkedHashSet<>();

        Scope(Tenancy tenancy, String workspace) {
            this.tenancy = tenancy;
            this.workspace = workspace;
        }

        void load(UUID contactId) {
            contacts.add(contactId);
            for (boolean grew = true; grew;) {
                grew = false;
                for (Object id : tenancy.sql("SELECT CAST(id AS text) FROM contacts WHERE workspace_id = CAST(?1 AS uuid) AND merged_into_id IN ("
                        + contactList() + ")").setParameter(1, workspace).getResultList()) {
                    grew |= contacts.add(UUID.fromString(id.toString()));
                }
            }
            for (Object id : tenancy.sql("SELECT CAST(id AS text) FROM tickets WHERE workspace_id = CAST(?1 AS uuid) AND requester_id IN ("
                    + contactList() + ")").setParameter(1, workspace).getResultList()) {
                tickets.add(UUID.fromString(id.toString()));
            }
            for (Object[] row : NativeRows.of(tenancy.sql("SELECT name, primary_email FROM contacts WHERE id IN (" + contactList() + ")")
                    .getResultList())) {
                addName(row[0]);
                addNeedle(row[1]);
            }
            for (Object[] row : NativeRows.of(tenancy.sql("SELECT kind, value FROM contact_identities WHERE contact_id IN (" + contactList() + ")")
                    .getResultList())) {
                addNeedle(row[1], "PHONE".equals(row[0]) || "WHATSAPP".equals(row[0]));
            }
            for (Object[] row : NativeRows.of(tenancy.sql("SELECT email, name FROM customer_accounts WHERE contact_id IN (" + contactList() + ")")
                    .getResultList())) {
                addNeedle(row[0]);
                addName(row[1]);
            }
        }

        private void addNeedle(Object value) {
            addNeedle(value, false);
        }

        /** An address or number of theirs; a phone or WhatsApp number is also looked for as its bare digits, however it was written. */
        private void addNeedle(Object value, boolean number) {
            if (value == null || value.toString().isBlank()) {
                return;
            }
            String lower = value.toString().strip().toLowerCase(Locale.ROOT);
            needles.add(lower);
            String digits = lower.replaceAll("[^0-9]", "");
            if (number && digits.length() >= 6) {
                needles.add(digits);
                numbers.add(digits);
                needles.add("+" + digits);
            }
        }

        private void addName(Object value) {
            // a name is looked for only where the contact's own tickets are concerned: "Ann" elsewhere is someone else
            if (value != null && value.toString().strip().length() >= 3 && !ERASED_NAME.equals(value.toString())) {
                names.add(value.toString().strip().toLowerCase(Locale.ROOT));
            }
        }

        String contactList() {
            return uuids(contacts);
        }

        String ticketList() {
            return uuids(tickets);
        }

        private static String uuids(Set<UUID> ids) {
            if (ids.isEmpty()) {
                return "NULL";
            }
            List<String> quoted = new ArrayList<>();
            ids.forEach(id -> quoted.add("CAST('" + UUID.fromString(id.toString()) + "' AS uuid)"));
            return String.join(", ", quoted);
        }

        /**
         * An SQL condition: the column mentions one of the contact's addresses, numbers or names (?2), each as a
         * whole (ann@x.com is not in joann@x.com, "Sol" is not in "resolved"), a number also when spaced out.
         */
        String mentions(String column) {
            return "(lower(" + column + ") ~ ANY (CAST(?2 AS text[])) OR regexp_replace(" + column + ", '[^0-9]', '', 'g') = ANY (CAST(?6 AS text[])))";
        }

        /**
         * Runs a statement of this scope. Its parameters, bound where they appear: ?1 the workspace, ?2 LIKE
         * patterns of the contact's addresses, numbers and names (for rows of their own tickets), ?3 the same
         * without names (for the workspace's logs, where a name may be someone else's), ?4 LIKE patterns of
         * their tickets' ids, ?5 their addresses and numbers as an array.
         */
        private jakarta.persistence.Query query(String sql) {
            jakarta.persistence.Query query = tenancy.sql(sql).setParameter(1, workspace);
            if (sql.contains("?2")) {
                query.setParameter(2, regexArray(true));
            }
            if (sql.contains("?3")) {
                query.setParameter(3, regexArray(false));
            }
            if (sql.contains("?4")) {
                List<String> ids = new ArrayList<>();
                tickets.forEach(id -> ids.add(id.toString()));
                query.setParameter(4, likeArray(ids));
            }
            if (sql.contains("?5")) {
                query.setParameter(5, array(new ArrayList<>(needles)));
            }
            if (sql.contains("?6")) {
                query.setParameter(6, array(numbers.isEmpty() ? List.of("\u0001") : new ArrayList<>(numbers)));
            }
            return query;
        }

        int count(String sql) {
            return ((Number) query(sql).getSingleResult()).intValue();
        }

        int update(String sql) {
            return query(sql).executeUpdate();
        }

        /**
         * Regular expressions (PostgreSQL's) for their addresses and numbers, and with {@code withNames} their
         * names, each bounded so that it matches only as a whole: an address not inside a longer one, a number
         * not inside a longer number, a name as whole words.
         */
        private String regexArray(boolean withNames) {
            List<String> patterns = new ArrayList<>();
            for (String needle : needles) {
                patterns.add(needle.contains("@") ? "(?<![a-z0-9._%+-])" + quote(needle) + "(?![a-z0-9-]|\\.[a-z0-9])"
                        : needle.matches("\\+?[0-9]+") ? "(?<![0-9])" + quote(needle.replace("+", "")) + "(?![0-9])"
                        : "(?<![[:alnum:]])" + quote(needle) + "(?![[:alnum:]])");
            }
            if (withNames) {
                names.forEach(name -> patterns.add("(?<![[:alnum:]])" + quote(name) + "(?![[:alnum:]])"));
            }
            if (patterns.isEmpty()) {
                patterns.add("\\A\\u0001 nothing\\Z");
            }
            return array(patterns);
        }

        /** The text as a regular expression that matches it literally. */
        private static String quote(String text) {
            return text.replaceAll("([\\\\.^$|?*+()\\[\\]{}-])", "\\\\$1");
        }

        /** A text[] literal of LIKE patterns ("%value%", LIKE's own characters escaped); one that matches nothing when empty. */
        private static String likeArray(List<String> values) {
            List<String> patterns = new ArrayList<>();
            for (String value : values) {
                patterns.add("%" + value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
            }
            if (patterns.isEmpty()) {
                patterns.add("\u0001 nothing \u0001");
            }
            return array(patterns);
        }

        private static String array(List<String> values) {
            StringBuilder array = new StringBuilder("{");
            for (String value : values) {
                array.append(array.length() > 1 ? "," : "").append('"').append(value.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
            }
            return array.append('}').toString();
        }
    }
}
