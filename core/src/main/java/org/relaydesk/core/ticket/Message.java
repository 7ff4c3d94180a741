package org.relaydesk.core.ticket;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.relaydesk.api.ticket.MessageAuthorType;
import org.relaydesk.core.persistence.WorkspaceOwned;

/**
 * One entry of a ticket's conversation. The HTML is stored already sanitized; the plain text beside
 * it feeds search, notifications and channels that cannot show HTML.
 */
@Entity
@Table(name = "messages")
public class Message extends WorkspaceOwned {
    @Column(name = "ticket_id", nullable = false)
    private UUID ticketId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private MessageKind kind;

    @Enumerated(EnumType.STRING)
    @Column(name = "author_type", nullable = false)
    private MessageAuthorType authorType;

    @Column(name = "author_user_id")
    private UUID authorUserId;

    @Column(name = "author_contact_id")
    private UUID authorContactId;

    @Column(name = "author_name", nullable = false)
    private String authorName;

    @Column(name = "body_html", nullable = false)
    private String bodyHtml;

    @Column(name = "body_text", nullable = false)
    private String bodyText;

    @Column(name = "external_id")
    private String externalId;

    @Column(name = "merged_from_ticket_id")
    private UUID mergedFromTicketId;

    /** The customer whose conversation this is: the requester of the ticket it was written on (kept across merges). */
    @Column(name = "conversation_contact_id")
    private UUID conversationContactId;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt = Instant.now();

    /** Where it came from: email, whatsapp, webform (a channel kind), api, portal or agent; null on older messages. */
    @Column(name = "source")
    private String source;

    /** The channel account it came in or went out through, if any. */
    @Column(name = "source_account_id")
    private UUID sourceAccountId;

    /** The provider template it was sent as, or null for free text. */
    @Column(name = "template_name")
    private String templateName;

    @Column(name = "edited_at")
    private Instant editedAt;

    /** Why a public reply went out nowhere (no channel can reach the customer); null when it was queued. */
    @Column(name = "not_sent_reason")
    private String notSentReason;

    protected Message() {
    }

    public Message(UUID ticketId, MessageKind kind, MessageAuthorType authorType, String authorName,
            SanitizedBody body) {
        this.ticketId = ticketId;
        this.kind = kind;
        this.authorType = authorType;
        this.authorName = authorName;
        this.bodyHtml = body.html();
        this.bodyText = body.text();
    }

    public Message byUser(UUID userId) {
        this.authorUserId = userId;
        return this;
    }

    public Message inConversationOf(UUID contactId) {
        this.conversationContactId = contactId;
        return this;
    }

    public UUID conversationContactId() {
        return conversationContactId;
    }

    /** Whether this customer may read it: their own conversation's, or one from before conversations were recorded. */
    public boolean belongsToConversationOf(UUID contactId) {
        return conversationContactId == null || conversationContactId.equals(contactId);
    }

    /** Where it came from (see {@link #source()}) and through which channel account (null: none). */
    public Message from(String sourceName, UUID accountId) {
        this.source = sourceName;
        this.sourceAccountId = accountId;
        return this;
    }

    public Message asTemplate(String name) {
        this.templateName = name;
        return this;
    }

    public String source() {
        return source;
    }

    public UUID sourceAccountId() {
        return sourceAccountId;
    }

    public String templateName() {
        return templateName;
    }

    public Message byContact(UUID contactId) {
        this.authorContactId = contactId;
        return this;
    }

    public void edit(SanitizedBody body, Instant at) {
        this.bodyHtml = body.html();
        this.bodyText = body.text();
        this.editedAt = at;
    }

    /** Carries a message to the ticket a duplicate was merged into, remembering where it came from. */
    public void moveTo(UUID targetTicketId) {
        this.mergedFromTicketId = this.ticketId;
        this.ticketId = targetTicketId;
    }

    public boolean isInternal() {
        return kind == MessageKind.NOTE;
    }

    public UUID ticketId() {
        return ticketId;
    }

    public MessageKind kind() {
        return kind;
    }

    public MessageAuthorType authorType() {
        return authorType;
    }

    public UUID authorUserId() {
        return authorUserId;
    }

    public UUID authorContactId() {
        return authorContactId;
    }

    public String authorName() {
        return authorName;
    }

    /** The id its channel gave it when it was sent (an email's Message-ID). */
    public void sentAs(String id) {
        this.externalId = id;
    }

    /** The id its channel gave the customer's message, which a reply can answer (WhatsApp's context). */
    public void receivedAs(String id) {
        this.externalId = id == null || id.length() > 500 ? null : id;
    }

    public String externalId() {
        return externalId;
    }

    public String bodyHtml() {
        return bodyHtml;
    }

    public String bodyText() {
        return bodyText;
    }

    public UUID mergedFromTicketId() {
        return mergedFromTicketId;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant editedAt() {
        return editedAt;
    }

    /** The reply stays on the ticket only: nothing could carry it to the customer, for this reason. */
    public void notSent(String reason) {
        this.notSentReason = reason;
    }

    public String notSentReason() {
        return notSentReason;
    }

    public void backdate(Instant at) {
        this.createdAt = at;
    }
}
