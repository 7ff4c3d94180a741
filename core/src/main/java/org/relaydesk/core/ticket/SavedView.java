package org.relaydesk.core.ticket;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.relaydesk.core.persistence.WorkspaceOwned;

/** A queue's filters under a name: one person's, or shared with everyone in the workspace. */
@Entity
@Table(name = "saved_views")
public class SavedView extends WorkspaceOwned {
    @Column(name = "owner_id")
    private UUID ownerId;

    @Column(nullable = false)
    private String name;

    /** The queue's filters as JSON (jsonb); the panel that saved them reads them back. */
    @Column(nullable = false)
    private String filters;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt = Instant.now();

    protected SavedView() {
    }

    SavedView(UUID ownerId, String name, String filters) {
        this.ownerId = ownerId;
        this.name = name;
        this.filters = filters;
    }

    public boolean isShared() {
        return ownerId == null;
    }

    public UUID ownerId() {
        return ownerId;
    }

    public String name() {
        return name;
    }

    public String filters() {
        return filters;
    }
}
