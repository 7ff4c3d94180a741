package org.relaydesk.core.ticket;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.relaydesk.core.persistence.WorkspaceOwned;

/** The customer's 1–5 rating of a resolved ticket; one per ticket. */
@Entity
@Table(name = "satisfaction_ratings")
public class SatisfactionRating extends WorkspaceOwned {
    @Column(name = "ticket_id", nullable = false)
    private UUID ticketId;

    @Column(nullable = false)
    private int rating;

    private String feedback;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt = Instant.now();

    protected SatisfactionRating() {
    }

    public SatisfactionRating(UUID ticketId, int rating, String feedback) {
        if (rating < 1 || rating > 5) {
            throw new IllegalArgumentException("rating must be between 1 and 5");
        }
        this.ticketId = ticketId;
        this.rating = rating;
        this.feedback = feedback;
    }

    public UUID ticketId() {
        return ticketId;
    }

    public int rating() {
        return rating;
    }

    public String feedback() {
        return feedback;
    }

    public Instant createdAt() {
        return createdAt;
    }
}
