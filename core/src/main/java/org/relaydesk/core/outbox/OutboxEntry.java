package org.relaydesk.core.outbox;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;
import org.relaydesk.core.persistence.WorkspaceOwned;

/**
 * An external side effect (an email to send, a webhook to deliver) written in the same transaction
 * as the change that caused it, so that it is never lost; workers deliver it later.
 */
@Entity
@Table(name = "outbox")
public class OutboxEntry extends WorkspaceOwned {
    @Column(nullable = false)
    private String kind;

    /** JSON, stored as jsonb. */
    @Column(nullable = false)
    private String payload;

    @Column(nullable = false)
    private String status = "pending";

    @Column(nullable = false)
    private int attempts;

    @Column(name = "next_attempt_at", nullable = false)
    private Instant nextAttemptAt = Instant.now();

    @Column(name = "last_error")
    private String lastError;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt = Instant.now();

    protected OutboxEntry() {
    }

    public OutboxEntry(String kind, String payload) {
        this.kind = kind;
        this.payload = payload;
    }

    void sent() {
        status = "sent";
        attempts++;
        lastError = null;
    }

    /** A failed attempt: tried again after a pause that grows with each attempt, or dead (kept for a replay) when it was the last. */
    void failed(String error, Instant now, boolean permanent) {
        failed(error, now, permanent ? java.util.Optional.empty() : Backoff.after(attempts + 1));
    }

    /** A failed attempt with the deliverer's own pause (empty: dead). */
    void failed(String error, Instant now, java.util.Optional<java.time.Duration> pause) {
        attempts++;
        lastError = error == null ? "failed" : error.length() > 2000 ? error.substring(0, 2000) : error;
        if (pause.isPresent()) {
            nextAttemptAt = now.plus(pause.get());
        } else {
            status = "dead";
        }
    }

    /** A dead entry goes back in line with a fresh count. */
    void replay(Instant now) {
        status = "pending";
        attempts = 0;
        nextAttemptAt = now;
    }

    public String kind() {
        return kind;
    }

    public String payload() {
        return payload;
    }

    /** The payload read as the JSON object every writer stores. */
    public jakarta.json.JsonObject payloadObject() {
        try (var reader = org.relaydesk.core.text.Jsonp.createReader(payload)) {
            return reader.readObject();
        }
    }

    public String status() {
        return status;
    }

    public int attempts() {
        return attempts;
    }

    public Instant nextAttemptAt() {
        return nextAttemptAt;
    }

    public String lastError() {
        return lastError;
    }

    public Instant createdAt() {
        return createdAt;
    }
}
