package org.relaydesk.core.channel;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.relaydesk.api.channel.ChannelException;
import org.relaydesk.api.channel.InboundAttachment;
import org.relaydesk.api.channel.InboundMessage;
import org.relaydesk.api.channel.RawMessage;
import org.relaydesk.core.contact.Contact;
import org.relaydesk.core.contact.ContactService;
import org.relaydesk.core.persistence.Tenancy;
import org.relaydesk.core.plugin.ChannelKind;
import org.relaydesk.core.plugin.PluginHost;
import org.relaydesk.core.text.MessageSanitizer;
import org.relaydesk.core.ticket.Actor;
import org.relaydesk.core.ticket.AttachmentService;
import org.relaydesk.core.ticket.NewTicket;
import org.relaydesk.core.ticket.Ticket;
import org.relaydesk.core.ticket.TicketService;
import org.relaydesk.core.workspace.Workspace;

/**
 * Reads one stored message with its channel's parser and files it: a reply to a message Relaydesk
 * knows (by the external ids it answers) is added to that ticket, anything else opens a ticket with
 * the account's defaults. An automatic message (an auto-reply, a bounce) that answers nothing is
 * ignored, so two robots never write each other tickets. Every message's external id is recorded
 * for the replies to come.
 */
@ApplicationScoped
public class InboundFiling {
    static final int MAX_SUBJECT = 500;
    static final String OPENED = "opened a ticket";

    /** How many messages one sender may have filed through one account in an hour; the rest wait, set aside. */
    @Inject
    @org.eclipse.microprofile.config.inject.ConfigProperty(name = "relaydesk.channels.sender-limit-per-hour", defaultValue = "30")
    int senderLimitPerHour;

    /**
     * The same for a messaging channel (WhatsApp): a chat comes a line, a photo, a reaction at a time,
     * so a customer's busy hour is many messages, each proven theirs by the provider; the limit only
     * stops a runaway sender.
     */
    @Inject
    @org.eclipse.microprofile.config.inject.ConfigProperty(name = "relaydesk.channels.messaging-sender-limit-per-hour", defaultValue = "300")
    int messagingSenderLimitPerHour;

    @Inject
    Tenancy tenancy;

    @Inject
    PluginHost plugins;

    @Inject
    TicketService tickets;

    @Inject
    ContactService contacts;

    @Inject
    AttachmentService attachments;

    @Inject
    org.relaydesk.core.field.CustomFieldService customFields;

    @Inject
    ChannelAccounts accounts;

    @Inject
    MessagingConversations conversations;

    @Inject
    AutoReplies autoReplies;

    @Inject
    org.relaydesk.core.csat.SurveyAnswers surveyAnswers;

    @Inject
    org.relaydesk.core.job.OwnTransaction own;

    /** What happened to a stored message. */
    public record Outcome(String status, UUID ticketId, String detail) {
    }

    /** A stored message as it is read before filing, with what its account says about new tickets. */
    record Stored(UUID accountId, String kind, String accountName, Instant accountUpdatedAt, UUID teamId, UUID categoryId, String priority,
            int attempts, RawMessage raw) {
    }

    /** A message Relaydesk cannot file however often it tries (unreadable, held back): set aside at once, with the reason. */
    public static final class NotFileable extends IllegalStateException {
        NotFileable(String reason, Throwable cause) {
            super(reason, cause);
        }
    }

    /** Files a stored message whoever holds it (an admin's retry, a test): a worker's claim on it does not stop this call. */
    public Outcome file(UUID id) {
        return file(id, null);
    }

    /**
     * Reads the stored message outside any transaction (a channel may fetch its media meanwhile,
     * which takes a while, and no row stays locked for it), then files it in a transaction of its
     * own that finds the message still pending, and still claimed by {@code worker} when one is given.
     * Null: filed meanwhile (or claimed by another worker after this one's lease ran out).
     */
    public Outcome file(UUID id, String worker) {
        Stored stored = own.call(() -> load(id));
        if (stored == null) {
            return null;
        }
        ChannelKind kind = plugins.channelKind(stored.kind()).orElseThrow(() -> new IllegalStateException("no enabled plugin reads '" + stored.kind()
                + "' messages"));
        InboundMessage message;
        try {
            // with the account's settings (secrets in clear) and the host's services: a channel may fetch the message's media here
            message = kind.parse(accountFor(stored.accountId(), stored.accountUpdatedAt()), stored.raw());
        } catch (ChannelException e) {
            if (e.failure() == ChannelException.Failure.UNREACHABLE || e.failure() == ChannelException.Failure.RATE_LIMITED) {
                throw new IllegalStateException("the message could not be read just now: " + e.getMessage(), e);
            }
            throw new NotFileable("the message cannot be read: " + e.getMessage(), e);
        }
        var source = new org.relaydesk.api.inbound.MessageSource(stored.accountId(), stored.kind(), stored.accountName());
        String dropped = null;
        for (org.relaydesk.core.plugin.PluginInboundFilter filter : plugins.inboundFilters()) {
            var result = filter.apply(message, source);
            if (result.dropped()) {
                dropped = "dropped by " + filter.name() + ": " + result.dropReason();
                break;
            }
            message = result.message();
        }
        InboundMessage read = message;
        String droppedBy = dropped;
        return own.call(() -> file(id, worker, stored, kind, read, droppedBy));
    }

    /** The stored message, if still pending; read in a short transaction of its own. */
    Stored load(UUID id) {
        Object[] row = (Object[]) tenancy.sql("SELECT CAST(m.account_id AS text), m.external_id, m.content_type, m.content, m.received_at, a.kind, "
                        + "CAST(a.default_team_id AS text), CAST(a.default_category_id AS text), a.default_priority, m.attempts, a.name, a.updated_at "
                        + "FROM inbound_messages m JOIN channel_accounts a ON a.id = m.account_id WHERE m.id = CAST(?1 AS uuid) "
                        + "AND m.workspace_id = CAST(?2 AS uuid) AND m.status = 'pending'")
                .setParameter(1, id.toString()).setParameter(2, tenancy.workspaceId().toString()).getResultStream().findFirst().orElse(null);
        if (row == null) {
            return null;
        }
        Instant receivedAt = ((java.sql.Timestamp) row[4]).toInstant();
        return new Stored(UUID.fromString(row[0].toString()), row[5].toString(), row[10].toString(), ((java.sql.Timestamp) row[11]).toInstant(),
                uuid(row[6]), uuid(row[7]), row[8] == null ? null : row[8].toString(), ((Number) row[9]).intValue(),
                new RawMessage(row[1].toString(), row[2].toString(), (byte[]) row[3], receivedAt));
    }

    /**
     * The account as its connector sees it (secrets opened), kept while the account is unchanged:
     * opening its secrets for every message of a busy number cost more than filing some of them.
     */
    org.relaydesk.api.channel.ChannelAccount accountFor(UUID accountId, Instant updatedAt) {
        CachedAccount cached = accountCache.getIfPresent(accountId);
        if (cached != null && cached.updatedAt().equals(updatedAt)) {
            return cached.account();
        }
        var account = own.call(() -> accounts.forConnector(accountId));
        accountCache.put(accountId, new CachedAccount(updatedAt, account));
        return account;
    }

    private record CachedAccount(Instant updatedAt, org.relaydesk.api.channel.ChannelAccount account) {
    }

    /** Few accounts, often read: bounded, and short-lived so that a secret changed without a new updated_at is not kept for long. */
    private final com.github.benmanes.caffeine.cache.Cache<UUID, CachedAccount> accountCache = com.github.benmanes.caffeine.cache.Caffeine.newBuilder()
            .maximumSize(1_000).expireAfterWrite(java.time.Duration.ofMinutes(5)).build();

    /** Runs in the transaction {@link #file(UUID, String)} opens for it. */
    private Outcome file(UUID id, String worker, Stored stored, ChannelKind kind, InboundMessage read, String droppedBy) {
        Object[] row = (Object[]) tenancy.sql("SELECT m.attempts, m.status FROM inbound_messages m WHERE m.id = CAST(?1 AS uuid) "
                        + "AND m.workspace_id = CAST(?2 AS uuid) AND m.status = 'pending' AND (CAST(?3 AS text) IS NULL OR m.claimed_by = ?3) FOR UPDATE OF m")
                .setParameter(1, id.toString()).setParameter(2, tenancy.workspaceId().toString()).setParameter(3, worker)
                .getResultStream().findFirst().orElse(null);
        if (row == null) {
            return null; // filed meanwhile (the lock above makes a second filer wait, then find it done)
        }
        InboundMessage message = read;
        String kindName = stored.kind();
        UUID accountId = stored.accountId();
        Instant receivedAt = stored.raw().receivedAt();
        int attempts = ((Number) row[0]).intValue();
        if (droppedBy != null) {
            return finish(id, new Outcome("ignored", null, droppedBy), message);
        }
        if (message.isReceiptOnly()) {
            // a provider's status report (sent, delivered, read, failed): recorded on the message it is about, nothing filed
            boolean kept = record(accountId, message.receipt());
            return finish(id, new Outcome("done", null, "a delivery receipt (" + message.receipt().status().name().toLowerCase(java.util.Locale.ROOT)
                    + (kept ? ")" : ", older than what the message already reached)")), message);
        }
        if (message.receipt() != null) {
            record(accountId, message.receipt());
        }
        Optional<UUID> known = thread(List.of(message.externalId()));
        if (known.isPresent()) {
            // our own reply coming back (a mailbox that keeps sent mail, a Bcc) or the same message through a second account
            return finish(id, new Outcome("ignored", known.get(), "a message Relaydesk already has (sent or filed) on this ticket"), message);
        }
        int senderLimit = kind.messaging() ? messagingSenderLimitPerHour : senderLimitPerHour;
        if (attempts == 0 && overSenderLimit(accountId, message.fromAddress(), senderLimit)) {
            throw new NotFileable("held back: more than " + senderLimit + " messages from " + message.fromAddress()
                    + " in the last hour (retry it to file it anyway)", null);
        }
        Outcome outcome;
        String body = body(message);
        List<AttachmentService.CheckedFile> files = new java.util.ArrayList<>();
        List<String> refused = new java.util.ArrayList<>();
        for (InboundAttachment attachment : message.attachments()) {
            try {
                files.add(AttachmentService.check(attachment.filename(), attachment.content()));
            } catch (org.relaydesk.core.error.InvalidInputException e) {
                refused.add(String.join("; ", e.fieldErrors().values()));
            }
        }
        if (kind.messaging() && !message.automatic() && message.addressChange() == null && files.isEmpty()) {
            // a score chosen from a satisfaction survey's list: recorded as the rating, never a message that reopens the ticket
            Optional<UUID> rated = surveyAnswers.answerOnWhatsApp(accountId, message.fromAddress(), message.text(), message.references());
            if (rated.isPresent()) {
                return finish(id, new Outcome("done", rated.get(), "a satisfaction survey answer, recorded as the ticket's rating"), message);
            }
        }
        if (kind.messaging()) {
            Outcome filed = conversations.file(kind, accountId, new MessagingConversations.AccountDefaults(stored.teamId(), stored.categoryId(),
                    stored.priority()), message, receivedAt, thread(message.references()), body, files);
            noteRefused(filed, message, refused);
            autoReplies.afterFiling(kind, accountId, message, filed, receivedAt);
            return finish(id, filed, message);
        }
        // a web channel's sender is whoever typed an address into a form: unproven, so it never joins an existing ticket
        boolean provenSender = !kind.capabilities().contains(org.relaydesk.api.channel.Capability.INBOUND_HTTP);
        Optional<UUID> thread = provenSender ? thread(message.references()) : Optional.empty();
        if (thread.isEmpty() && provenSender) {
            thread = byTicketToken(message);
        }
        if (thread.isPresent() && message.automatic()) {
            // a bounce or an auto-reply to one of the ticket's messages: the agents see it, nobody answers it, the ticket stays as it is
            var note = tickets.addAutomatedMessage(thread.get(), automaticNote(message), true, Actor.SYSTEM);
            attachments.attachToMessage(thread.get(), note.id(), files);
            outcome = new Outcome("done", thread.get(), "an automatic message, kept on the ticket it answers as an internal note");
        } else if (thread.isPresent()) {
            Contact author = contacts.findOrCreateByEmail(message.fromAddress(), message.fromName());
            var added = tickets.addCustomerMessage(thread.get(), body, author, kindName, accountId);
            attachments.attachToMessage(thread.get(), added.id(), files);
            outcome = new Outcome("done", thread.get(), "added to the ticket it answers");
        } else if (message.automatic()) {
            outcome = new Outcome("ignored", null, "an automatic message (auto-reply or bounce) that answers no ticket");
        } else {
            String subject = message.subject() == null || message.subject().isBlank() ? "(no subject)" : message.subject().strip();
            NewTicket input = new NewTicket(subject.length() > MAX_SUBJECT ? subject.substring(0, MAX_SUBJECT) : subject,
                    MessageSanitizer.htmlToText(body), message.fromAddress(), message.fromName(), stored.priority(), null,
                    stored.categoryId(), null, stored.teamId(), null, java.util.Set.of(), ticketFields(message), kindName, null);
            Ticket ticket = tickets.create(input, Actor.SYSTEM, files);
            ticket.arrivedThrough(accountId, kindName);
            outcome = new Outcome("done", ticket.id(), OPENED);
        }
        noteRefused(outcome, message, refused);
        autoReplies.afterFiling(kind, accountId, message, outcome, receivedAt);
        return finish(id, outcome, message);
    }

    private void noteRefused(Outcome outcome, InboundMessage message, List<String> refused) {
        if (outcome.ticketId() != null && !refused.isEmpty()) {
            // the files stay in the stored message; the agents learn why they are not on the ticket
            tickets.addAutomatedMessage(outcome.ticketId(), MessageSanitizer.plainToHtml("Files of the message from " + message.fromAddress()
                    + " that were not kept: " + String.join("; ", refused)), true, Actor.SYSTEM);
        }
    }

    Outcome finish(UUID id, Outcome outcome, InboundMessage message) {
        if (outcome.ticketId() != null && outcome.status().equals("done")) {
            tenancy.sql("INSERT INTO message_references (workspace_id, external_id, ticket_id) VALUES (CAST(?1 AS uuid), ?2, CAST(?3 AS uuid)) "
                    + "ON CONFLICT DO NOTHING").setParameter(1, tenancy.workspaceId().toString()).setParameter(2, message.externalId())
                    .setParameter(3, outcome.ticketId().toString()).executeUpdate();
        }
        tenancy.sql("UPDATE inbound_messages SET status = ?1, ticket_id = CAST(?2 AS uuid), error = ?3, processed_at = now(), attempts = attempts + 1, "
                        + "from_address = ?5, claimed_until = NULL, claimed_by = NULL, retry_at = NULL WHERE id = CAST(?4 AS uuid)").setParameter(1, outcome.status())
                .setParameter(2, outcome.ticketId() == null ? null : outcome.ticketId().toString())
                .setParameter(3, outcome.status().equals("ignored") ? outcome.detail() : null).setParameter(4, id.toString())
                .setParameter(5, message.fromAddress()).executeUpdate();
        return outcome;
    }

    /** A message that could not be filed: kept with the reason, out of the way of the others, until someone retries it. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void setAside(UUID id, String error) {
        tenancy.sql("UPDATE inbound_messages SET status = 'failed', error = ?1, attempts = attempts + 1, processed_at = now(), claimed_until = NULL, "
                + "claimed_by = NULL, retry_at = NULL WHERE id = CAST(?2 AS uuid) "
                + "AND workspace_id = CAST(?3 AS uuid)").setParameter(1, error.length() > 2000 ? error.substring(0, 2000) : error)
                .setParameter(2, id.toString()).setParameter(3, tenancy.workspaceId().toString()).executeUpdate();
    }

    /**
     * What the channel reported about a message Relaydesk sent. Reports arrive out of order (a
     * provider's "delivered" after its "read"): one replaces another only when its status ranks as
     * high or higher (sent, delivered, read, failed; {@link org.relaydesk.api.channel.DeliveryReceipt.Status#rank()}),
     * so a message never goes back and a failure stays. A report is the account's it arrived through:
     * another account's webhook cannot speak for a message this one sent. Returns whether it was kept.
     */
    boolean record(UUID accountId, org.relaydesk.api.channel.DeliveryReceipt receipt) {
        String detail = receipt.detail() == null ? null : receipt.detail().length() > 1000 ? receipt.detail().substring(0, 1000) : receipt.detail();
        // kept under the account it came through: it counts only for a message sent through that account (ChannelDeliveries)
        return tenancy.sql("INSERT INTO message_receipts (workspace_id, account_id, external_id, status, detail, rank) "
                        + "VALUES (CAST(?1 AS uuid), CAST(?6 AS uuid), ?2, ?3, ?4, ?5) "
                        + "ON CONFLICT (workspace_id, account_id, external_id) DO UPDATE SET status = EXCLUDED.status, detail = EXCLUDED.detail, "
                        + "rank = EXCLUDED.rank, received_at = now() WHERE message_receipts.rank <= EXCLUDED.rank")
                .setParameter(1, tenancy.workspaceId().toString()).setParameter(2, receipt.sentId())
                .setParameter(3, receipt.status().name().toLowerCase(java.util.Locale.ROOT)).setParameter(4, detail)
                .setParameter(5, receipt.status().rank()).setParameter(6, accountId.toString()).executeUpdate() == 1;
    }

    /** Whether the sender's messages filed through this account in the last hour reach the limit. */
    boolean overSenderLimit(UUID accountId, String fromAddress, int senderLimit) {
        // receipts are 'done' without a ticket: a provider's status reports are not the customer writing
        Number filed = (Number) tenancy.sql("SELECT count(*) FROM inbound_messages WHERE account_id = CAST(?1 AS uuid) AND status = 'done' "
                        + "AND lower(from_address) = lower(?2) AND processed_at > now() - interval '1 hour' AND ticket_id IS NOT NULL")
                .setParameter(1, accountId.toString()).setParameter(2, fromAddress).getSingleResult();
        return filed.longValue() >= senderLimit;
    }

    /**
     * A ticket number in the subject ("[#1001]") threads a message only when its sender takes part in
     * that ticket (its requester, or someone who wrote on it): anyone else quoting a number gets a
     * ticket of their own, never a look at a stranger's.
     */
    private Optional<UUID> byTicketToken(InboundMessage message) {
        if (message.subject() == null) {
            return Optional.empty();
        }
        String prefix = tenancy.global().find(Workspace.class, tenancy.workspaceId()).ticketPrefix();
        Matcher token = Pattern.compile("\\[" + Pattern.quote(prefix) + "(\\d{1,18})\\]").matcher(message.subject());
        if (!token.find()) {
            return Optional.empty();
        }
        return tenancy.sql("SELECT CAST(t.id AS text) FROM tickets t WHERE t.workspace_id = CAST(?1 AS uuid) AND t.number = ?2 AND t.merged_into_id IS NULL "
                        + "AND EXISTS (SELECT 1 FROM contact_identities i WHERE i.workspace_id = t.workspace_id AND lower(i.value) = lower(?3) AND i.kind = 'EMAIL' AND (i.contact_id = t.requester_id "
                        + "OR EXISTS (SELECT 1 FROM messages m WHERE m.ticket_id = t.id AND m.author_contact_id = i.contact_id)))")
                .setParameter(1, tenancy.workspaceId().toString()).setParameter(2, Long.parseLong(token.group(1))).setParameter(3, message.fromAddress())
                .getResultStream().findFirst().map(t -> UUID.fromString(t.toString()));
    }

    static String automaticNote(InboundMessage message) {
        String text = message.text() != null && !message.text().isBlank() ? message.text() : MessageSanitizer.htmlToText(body(message));
        return MessageSanitizer.plainToHtml("Automatic message from " + message.fromAddress()
                + (message.subject() == null ? "" : " (" + message.subject().strip() + ")") + ", not answered:\n\n" + text);
    }

    /** The newest ticket any of the ids belongs to. */
    Optional<UUID> thread(List<String> references) {
        if (references.isEmpty()) {
            return Optional.empty();
        }
        String ids = "{" + String.join(",", references.stream().map(r -> "\"" + r.replace("\\", "\\\\").replace("\"", "\\\"") + "\"").toList()) + "}";
        return tenancy.sql("SELECT CAST(ticket_id AS text) FROM message_references WHERE workspace_id = CAST(?1 AS uuid) "
                        + "AND external_id = ANY (CAST(?2 AS text[])) ORDER BY created_at DESC LIMIT 1")
                .setParameter(1, tenancy.workspaceId().toString()).setParameter(2, ids).getResultStream().findFirst()
                .map(t -> UUID.fromString(t.toString()));
    }

    static String body(InboundMessage message) {
        if (message.html() != null && !message.html().isBlank()) {
            return message.html();
        }
        String text = message.text() == null || message.text().isBlank() ? "(no text)" : message.text();
        return MessageSanitizer.plainToHtml(text);
    }

    /** The form's values for the workspace's custom fields (checked when they were submitted), as the ticket keeps them. */
    private String ticketFields(InboundMessage message) {
        return message.ticketFields().isEmpty() ? null : customFields.merge(null, new java.util.LinkedHashMap<>(message.ticketFields()), false);
    }

    private static UUID uuid(Object value) {
        return value == null ? null : UUID.fromString(value.toString());
    }
}
