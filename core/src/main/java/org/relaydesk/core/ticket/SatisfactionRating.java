package org.relaydesk.core.ticket;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.relaydesk.core.persistence.WorkspaceOwned;

/** The customer's 1–5 rating of a resolved ticket: one per resolution, from its survey (survey_id) or the status page. */
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

    @Column(name = "survey_id")
    private UUID surveyId;

    /** How it came: "email" or "whatsapp" (a survey), "portal" (the status page). */
    private String channel;

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

    /** A rating given at {@code at} through a survey (null for none) or the status page. */
    public SatisfactionRating(UUID ticketId, int rating, String feedback, UUID surveyId, String channel, Instant at) {
        this(ticketId, rating, feedback);
        this.surveyId = surveyId;
        this.channel = channel;
        this.createdAt = at;
    }

    public UUID surveyId() {
        return surveyId;
    }

    public String channel() {
        return channel;
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
