package org.relaydesk.core.webhook;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.relaydesk.core.persistence.WorkspaceOwned;

/** One try of a delivery: when, how long, the answer's code and first kilobyte, or why there was no answer. */
@Entity
@Table(name = "webhook_attempts")
public class WebhookAttempt extends WorkspaceOwned {
    static final int EXCERPT = 1024;

    @Column(name = "delivery_id", nullable = false)
    private UUID deliveryId;

    @Column(name = "attempted_at", nullable = false)
    private Instant attemptedAt;

    @Column(name = "status_code")
    private Integer statusCode;

    @Column(name = "duration_ms", nullable = false)
    private int durationMs;

    private String error;

    @Column(name = "response_excerpt")
    private String responseExcerpt;

    protected WebhookAttempt() {
    }

    WebhookAttempt(UUID deliveryId, Instant attemptedAt, WebhookPost.Outcome outcome) {
        this.deliveryId = deliveryId;
        this.attemptedAt = attemptedAt;
        this.statusCode = outcome.statusCode();
        this.durationMs = (int) Math.min(Integer.MAX_VALUE, outcome.durationMs());
        this.error = clip(outcome.failure(), 2000);
        this.responseExcerpt = clip(outcome.responseExcerpt(), EXCERPT);
    }

    /** At most {@code max} characters, without NUL (PostgreSQL refuses it in text, and a receiver's answer may hold one). */
    static String clip(String text, int max) {
        if (text == null) {
            return null;
        }
        String clean = text.indexOf('\u0000') < 0 ? text : text.replace("\u0000", "");
        return clean.length() <= max ? clean : clean.substring(0, max);
    }

    public UUID deliveryId() {
        return deliveryId;
    }

    public Instant attemptedAt() {
        return attemptedAt;
    }

    public Integer statusCode() {
        return statusCode;
    }

    public int durationMs() {
        return durationMs;
    }

    public String error() {
        return error;
    }

    public String responseExcerpt() {
        return responseExcerpt;
    }

    public boolean succeeded() {
        return statusCode != null && statusCode >= 200 && statusCode < 300;
    }
}
