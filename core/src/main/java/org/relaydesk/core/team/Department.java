package org.relaydesk.core.team;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;
import org.relaydesk.core.persistence.WorkspaceOwned;

/** An organisational unit (Billing, IT, ...) a ticket can belong to. */
@Entity
@Table(name = "departments")
public class Department extends WorkspaceOwned {
    @Column(nullable = false)
    private String name;

    private String description;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt = Instant.now();

    protected Department() {
    }

    public Department(String name, String description) {
        this.name = name;
        this.description = description;
    }

    public void update(String newName, String newDescription) {
        this.name = newName;
        this.description = newDescription;
    }

    public String name() {
        return name;
    }

    public String description() {
        return description;
    }
}
