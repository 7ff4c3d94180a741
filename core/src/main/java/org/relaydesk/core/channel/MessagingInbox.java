package org.relaydesk.core.channel;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.relaydesk.api.channel.ConversationWindow;
import org.relaydesk.core.access.RequiresRole;
import org.relaydesk.core.contact.Contact;
import org.relaydesk.core.contact.ContactService;
import org.relaydesk.core.contact.IdentityKind;
import org.relaydesk.core.error.NotFoundException;
import org.relaydesk.core.persistence.Tenancy;
import org.relaydesk.core.plugin.ChannelKind;
import org.relaydesk.core.plugin.PluginHost;
import org.relaydesk.core.ticket.Ticket;
import org.relaydesk.core.ticket.TicketService;
import org.relaydesk.core.ticket.TicketVisibility;
import org.relaydesk.core.user.Role;

/**
 * The conversations of a messaging channel kind (WhatsApp) as agents work them: one per contact and
 * account (number), with its latest message and its window, newest first; and one contact's
 * conversation across their tickets on that kind. Only tickets the caller may see count (the same
 * rule as the ticket queue, {@link TicketVisibility}): a conversation whose tickets are all hidden
 * from the caller is answered like one that does not exist.
 */
@ApplicationScoped
public class MessagingInbox {
    public static final int MAX_PAGE_SIZE = 100;
    private static final int PREVIEW = 140;

    @Inject
    Tenancy tenancy;

    @Inject
    TicketVisibility visibility;

    @Inject
    PluginHost plugins;

    @Inject
    TicketService tickets;

    @Inject
    ContactService contacts;

    /**
     * One conversation: the contact, the address they write from ("14155550100"), the account, the
     * newest ticket of theirs on it, the latest public message ({@code lastFromCustomer}: the customer
     * wrote last, so it awaits a reply) and the window as of now.
     */
    public record Conversation(UUID contactId, String contactName, String address, UUID accountId, String accountName, UUID ticketId,
            long ticketNumber, String ticketStatus, Instant lastMessageAt, String lastMessage, boolean lastFromCustomer,
            ReplyRoutes.WindowState window) {
        public boolean awaitingReply() {
            return lastFromCustomer;
        }
    }

    /** A page of conversations and how many there are in all. */
    public record Page(List<Conversation> conversations, long total) {
    }

    /** One contact's conversation on the kind: the contact, the address, and their visible tickets there, oldest first. */
    public record Thread(Contact contact, String address, List<Ticket> tickets) {
    }

    /** The conversations of {@code kind} the caller may see, newest message first; {@code page} from 1. */
    @Transactional
    @RequiresRole(Role.AGENT)
    public Page conversations(String kind, int page, int size) {
        ChannelKind channel = messagingKind(kind);
        int limit = Math.max(1, Math.min(size, MAX_PAGE_SIZE));
        int offset = (Math.max(1, page) - 1) * limit;
        List<Object> params = new ArrayList<>();
        String visible = visibleTickets(kind, params);
        String identityKind = IdentityKind.of(channel.addressKind()).name();
        params.add(identityKind);
        int identityParam = params.size();
        params.add(limit);
        int limitParam = params.size();
        params.add(offset);
        int offsetParam = params.size();
        // the newest public message of each visible ticket (a ticket opened by a message keeps it as its description)
        String latest = "SELECT DISTINCT ON (v.requester_id, v.channel_account_id) v.requester_id, v.channel_account_id, v.id, v.number, v.status, "
                + "COALESCE(m.created_at, v.created_at) AS at, COALESCE(m.body_text, v.description) AS text, "
                + "COALESCE(m.author_type = 'CUSTOMER', true) AS from_customer FROM (" + visible + ") v "
                + "LEFT JOIN LATERAL (SELECT created_at, body_text, author_type FROM messages m WHERE m.ticket_id = v.id AND m.kind = 'REPLY' "
                + "ORDER BY m.created_at DESC, m.id DESC LIMIT 1) m ON true "
                + "ORDER BY v.requester_id, v.channel_account_id, COALESCE(m.created_at, v.created_at) DESC";
        @SuppressWarnings("unchecked")
        List<Object[]> rows = sql("SELECT CAST(l.requester_id AS text), c.name, (SELECT i.value FROM contact_identities i WHERE i.contact_id = c.id "
                + "AND i.kind = ?" + identityParam + " ORDER BY i.value LIMIT 1), CAST(l.channel_account_id AS text), a.name, CAST(l.id AS text), l.number, "
                + "l.status, l.at, l.text, l.from_customer, act.last_customer_message_at FROM (" + latest + ") l "
                + "JOIN contacts c ON c.id = l.requester_id JOIN channel_accounts a ON a.id = l.channel_account_id "
                + "LEFT JOIN contact_channel_activity act ON act.contact_id = l.requester_id AND act.account_id = l.channel_account_id "
                + "ORDER BY l.at DESC, l.id LIMIT ?" + limitParam + " OFFSET ?" + offsetParam, params).getResultList();
        Instant now = Instant.now();
        Optional<ConversationWindow> declared = channel.conversationWindow();
        List<Conversation> conversations = rows.stream().map(r -> new Conversation(UUID.fromString(r[0].toString()), (String) r[1], (String) r[2],
                UUID.fromString(r[3].toString()), (String) r[4], UUID.fromString(r[5].toString()), ((Number) r[6]).longValue(), (String) r[7],
                instant(r[8]), preview((String) r[9]), Boolean.TRUE.equals(r[10]), ReplyRoutes.window(declared, instant(r[11]), now))).toList();
        List<Object> countParams = new ArrayList<>();
        String countVisible = visibleTickets(kind, countParams);
        long total = ((Number) sql("SELECT count(*) FROM (SELECT DISTINCT requester_id, channel_account_id FROM (" + countVisible + ") v) d",
                countParams).getSingleResult()).longValue();
        return new Page(conversations, total);
    }

    /**
     * The conversation with the contact who writes from {@code address} on {@code kind}: their tickets
     * on that kind's accounts the caller may see. Not found (nothing said about why) when the address
     * is malformed, unknown, or none of its tickets is visible to the caller.
     */
    @Transactional
    @RequiresRole(Role.AGENT)
    public Thread conversation(String kind, String address) {
        ChannelKind channel = messagingKind(kind);
        IdentityKind identityKind = IdentityKind.of(channel.addressKind());
        Contact contact = address == null || address.isBlank() || address.length() > 64 ? null
                : contacts.findByIdentity(identityKind, address).orElse(null);
        if (contact == null) {
            throw new NotFoundException("Conversation");
        }
        if (contact.mergedIntoId() != null) {
            contact = contacts.get(contact.mergedIntoId());
        }
        @SuppressWarnings("unchecked")
        List<Object> ids = tenancy.sql("SELECT CAST(t.id AS text) FROM tickets t JOIN channel_accounts a ON a.id = t.channel_account_id AND a.kind = ?3 "
                        + "WHERE t.workspace_id = CAST(?1 AS uuid) AND t.requester_id = CAST(?2 AS uuid) AND t.merged_into_id IS NULL "
                        + "ORDER BY t.created_at, t.id")
                .setParameter(1, tenancy.workspaceId().toString()).setParameter(2, contact.id().toString()).setParameter(3, kind).getResultList();
        List<Ticket> visible = new ArrayList<>();
        for (Object id : ids) {
            try {
                visible.add(tickets.get(UUID.fromString(id.toString())));
            } catch (NotFoundException hidden) {
                // another team's ticket: not part of what this caller sees
            }
        }
        if (visible.isEmpty()) {
            throw new NotFoundException("Conversation");
        }
        Contact owner = contact;
        String shown = owner.identities().stream().filter(i -> i.kind() == identityKind).map(i -> i.value()).findFirst().orElse(address);
        return new Thread(owner, shown, visible);
    }

    private ChannelKind messagingKind(String kind) {
        return plugins.channelKind(kind).filter(ChannelKind::messaging).orElseThrow(() -> new NotFoundException("Channel"));
    }

    /** The caller's visible, unmerged tickets of the kind's accounts, as TicketSearch restricts its lists. */
    private String visibleTickets(String kind, List<Object> params) {
        params.add(tenancy.workspaceId().toString());
        int workspace = params.size();
        params.add(kind);
        int kindParam = params.size();
        StringBuilder where = new StringBuilder("SELECT t.id, t.number, t.status, t.requester_id, t.channel_account_id, t.created_at, t.description "
                + "FROM tickets t JOIN channel_accounts a ON a.id = t.channel_account_id AND a.kind = ?" + kindParam
                + " WHERE t.workspace_id = CAST(?" + workspace + " AS uuid) AND t.merged_into_id IS NULL");
        visibility.restriction().ifPresent(r -> {
            params.add(r.userId().toString());
            int me = params.size();
            where.append(" AND (t.team_id IS NULL OR t.assignee_id = CAST(?").append(me).append(" AS uuid) OR t.team_id IN ")
                    .append("(SELECT m.team_id FROM team_members m WHERE m.user_id = CAST(?").append(me).append(" AS uuid)))");
        });
        return where.toString();
    }

    private jakarta.persistence.Query sql(String text, List<Object> params) {
        jakarta.persistence.Query query = tenancy.sql(text);
        for (int i = 0; i < params.size(); i++) {
            query.setParameter(i + 1, params.get(i));
        }
        return query;
    }

    private static Instant instant(Object value) {
        return value == null ? null : value instanceof java.sql.Timestamp t ? t.toInstant() : value instanceof java.time.OffsetDateTime o
                ? o.toInstant() : (Instant) value;
    }

    private static String preview(String text) {
        if (text == null) {
            return "";
        }
        String line = text.strip().replaceAll("\\s+", " ");
        return line.length() > PREVIEW ? line.substring(0, PREVIEW - 1) + "…" : line;
    }
}
