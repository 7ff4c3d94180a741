package org.relaydesk.core.ticket;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import java.util.regex.Pattern;
import org.relaydesk.core.persistence.WorkspaceOwned;

/** A ticket category; categories form a tree through their parent. */
@Entity
@Table(name = "ticket_categories")
public class Category extends WorkspaceOwned {
    public static final Pattern COLOR = Pattern.compile("#[0-9A-Fa-f]{6}");

    @Column(nullable = false)
    private String name;

    private String description;

    @Column(nullable = false)
    private String color;

    @Column(name = "parent_id")
    private UUID parentId;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt = Instant.now();

    protected Category() {
    }

    public Category(String name, String description, String color, UUID parentId) {
        update(name, description, color, parentId);
    }

    public void update(String name, String description, String color, UUID parentId) {
        if (parentId != null && parentId.equals(id())) {
            throw new IllegalArgumentException("A category cannot be its own parent");
        }
        this.name = name;
        this.description = description;
        this.color = color == null ? "#64748B" : color.toUpperCase(java.util.Locale.ROOT);
        this.parentId = parentId;
    }

    public String name() {
        return name;
    }

    public String description() {
        return description;
    }

    public String color() {
        return color;
    }

    public UUID parentId() {
        return parentId;
    }

    public Instant createdAt() {
        return createdAt;
    }
}
