package org.relaydesk.core.csat;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.relaydesk.core.persistence.WorkspaceOwned;

/**
 * The survey about one resolution of a ticket (the ticket and the moment it was solved). Its link's
 * token is kept only as a hash; it opens while the survey is sent and not expired, and once.
 */
@Entity
@Table(name = "csat_surveys")
public class CsatSurvey extends WorkspaceOwned {
    @Column(name = "ticket_id", nullable = false)
    private UUID ticketId;

    @Column(name = "resolved_at", nullable = false)
    private Instant resolvedAt;

    @Column(nullable = false)
    private String status;

    @Column(name = "due_at", nullable = false)
    private Instant dueAt;

    private String channel;

    @Column(name = "account_id")
    private UUID accountId;

    @Column(name = "external_id")
    private String externalId;

    @Column(name = "token_hash")
    private String tokenHash;

    @Column(name = "sent_at")
    private Instant sentAt;

    @Column(name = "expires_at")
    private Instant expiresAt;

    @Column(name = "answered_at")
    private Instant answeredAt;

    private String reason;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected CsatSurvey() {
    }

    void decided(SurveyPolicy.Decision decision) {
        status = decision.outcome();
        reason = decision.reason();
        if (decision.sends()) {
            channel = decision.channel().stored();
            accountId = decision.accountId();
        }
    }

    /**
     * Its link is about to go out: the link opens from now on (a customer may follow it before the
     * send is recorded), while the survey stays queued, so that a failed send is tried again with a
     * new link that replaces this one.
     */
    void linkIssued(String hash, Instant expires) {
        tokenHash = hash;
        expiresAt = expires;
    }

    void sent(String hash, Instant at, Instant expires, String providerId) {
        status = "sent";
        tokenHash = hash;
        sentAt = at;
        expiresAt = expires;
        externalId = providerId;
    }

    void cancel(String why) {
        status = "cancelled";
        reason = why;
        tokenHash = null;
    }

    void answered(Instant at, String how) {
        status = "answered";
        answeredAt = at;
        if (channel == null) {
            channel = how;
        }
    }

    public UUID ticketId() {
        return ticketId;
    }

    public Instant resolvedAt() {
        return resolvedAt;
    }

    public String status() {
        return status;
    }

    public Instant dueAt() {
        return dueAt;
    }

    public String channel() {
        return channel;
    }

    public UUID accountId() {
        return accountId;
    }

    public String externalId() {
        return externalId;
    }

    public Instant sentAt() {
        return sentAt;
    }

    public Instant expiresAt() {
        return expiresAt;
    }

    public Instant answeredAt() {
        return answeredAt;
    }

    public String reason() {
        return reason;
    }

    public Instant createdAt() {
        return createdAt;
    }
}
