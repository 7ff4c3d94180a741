package org.relaydesk.core.ticket;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.relaydesk.core.persistence.WorkspaceOwned;

/** One line of a ticket's activity timeline: who did what, and the value before and after. */
@Entity
@Table(name = "ticket_events")
public class TicketEvent extends WorkspaceOwned {
    @Column(name = "ticket_id", nullable = false)
    private UUID ticketId;

    @Column(nullable = false)
    private String action;

    private String field;

    @Column(name = "before_value")
    private String beforeValue;

    @Column(name = "after_value")
    private String afterValue;

    @Column(name = "actor_type", nullable = false)
    private String actorType;

    @Column(name = "actor_id")
    private UUID actorId;

    @Column(name = "actor_name", nullable = false)
    private String actorName;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected TicketEvent() {
    }

    public TicketEvent(UUID ticketId, String action, FieldChange change, Actor actor, Instant at) {
        this.ticketId = ticketId;
        this.action = action;
        if (change != null) {
            this.field = change.field();
            this.beforeValue = truncate(change.before());
            this.afterValue = truncate(change.after());
        }
        this.actorType = actor.type();
        this.actorId = actor.id();
        this.actorName = actor.name();
        this.createdAt = at;
    }

    private static String truncate(String value) {
        return value == null || value.length() <= 2000 ? value : value.substring(0, 2000) + "…";
    }

    public UUID ticketId() {
        return ticketId;
    }

    public String action() {
        return action;
    }

    public String field() {
        return field;
    }

    public String beforeValue() {
        return beforeValue;
    }

    public String afterValue() {
        return afterValue;
    }

    public String actorType() {
        return actorType;
    }

    public UUID actorId() {
        return actorId;
    }

    public String actorName() {
        return actorName;
    }

    public Instant createdAt() {
        return createdAt;
    }
}
