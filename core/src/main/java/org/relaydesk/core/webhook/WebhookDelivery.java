package org.relaydesk.core.webhook;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.relaydesk.core.persistence.WorkspaceOwned;

/**
 * One event for one webhook. Its id is the {@code Relaydesk-Webhook-Id} header, the same on every
 * attempt and replay, so a receiver can drop what it already has. Status: pending (queued, or
 * waiting for its next attempt after a failure), delivered, or dead (every attempt failed, or the
 * webhook was switched off; a replay queues it again).
 */
@Entity
@Table(name = "webhook_deliveries")
public class WebhookDelivery extends WorkspaceOwned {
    public static final String PENDING = "pending";
    public static final String DELIVERED = "delivered";
    public static final String DEAD = "dead";

    @Column(name = "webhook_id", nullable = false)
    private UUID webhookId;

    @Column(nullable = false)
    private String event;

    /** The JSON body exactly as signed and sent. */
    @Column(nullable = false)
    private String body;

    @Column(nullable = false)
    private String status = PENDING;

    @Column(nullable = false)
    private int attempts;

    @Column(name = "last_status_code")
    private Integer lastStatusCode;

    @Column(name = "last_error")
    private String lastError;

    @Column(name = "next_attempt_at")
    private Instant nextAttemptAt;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "delivered_at")
    private Instant deliveredAt;

    protected WebhookDelivery() {
    }

    WebhookDelivery(UUID webhookId, WebhookEvent event, String body, Instant now) {
        this.webhookId = webhookId;
        this.event = event.apiName();
        this.body = body;
        this.createdAt = now;
        this.nextAttemptAt = now;
    }

    void body(String body) {
        this.body = body;
    }

    void delivered(int statusCode, Instant now) {
        attempts++;
        status = DELIVERED;
        lastStatusCode = statusCode;
        lastError = null;
        nextAttemptAt = null;
        deliveredAt = now;
    }

    /** {@code next}: when it is tried again, or null when it is dead. */
    void failed(Integer statusCode, String error, Instant next) {
        attempts++;
        lastStatusCode = statusCode;
        lastError = WebhookAttempt.clip(error, 2000);
        nextAttemptAt = next;
        status = next == null ? DEAD : PENDING;
    }

    void dead(String reason) {
        status = DEAD;
        lastError = WebhookAttempt.clip(reason, 2000);
        nextAttemptAt = null;
    }

    void requeued(Instant now) {
        status = PENDING;
        nextAttemptAt = now;
    }

    public UUID webhookId() {
        return webhookId;
    }

    public String event() {
        return event;
    }

    public String body() {
        return body;
    }

    public String status() {
        return status;
    }

    public int attempts() {
        return attempts;
    }

    public Integer lastStatusCode() {
        return lastStatusCode;
    }

    public String lastError() {
        return lastError;
    }

    public Instant nextAttemptAt() {
        return nextAttemptAt;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant deliveredAt() {
        return deliveredAt;
    }
}
