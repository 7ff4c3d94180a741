package org.relaydesk.core.team;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.relaydesk.core.persistence.WorkspaceOwned;

/** A group of agents that tickets can be routed to. */
@Entity
@Table(name = "teams")
public class Team extends WorkspaceOwned {
    @Column(nullable = false)
    private String name;

    private String description;

    @ElementCollection
    @CollectionTable(name = "team_members", joinColumns = @JoinColumn(name = "team_id"))
    @Column(name = "user_id")
    private Set<UUID> memberIds = new HashSet<>();

    @Column(name = "created_at", nullable = false)
    private Instant createdAt = Instant.now();

    /** How the team's new tickets find their agent (see core.routing). */
    @Column(name = "assignment_strategy", nullable = false)
    @jakarta.persistence.Enumerated(jakarta.persistence.EnumType.STRING)
    private org.relaydesk.core.routing.AssignmentStrategy assignmentStrategy = org.relaydesk.core.routing.AssignmentStrategy.MANUAL;

    protected Team() {
    }

    public Team(String name, String description) {
        this.name = name;
        this.description = description;
    }

    public void addMember(UUID userId) {
        memberIds.add(userId);
    }

    public void update(String newName, String newDescription, Set<UUID> members) {
        this.name = newName;
        this.description = newDescription;
        this.memberIds = new HashSet<>(members);
    }

    public String name() {
        return name;
    }

    public String description() {
        return description;
    }

    public Set<UUID> memberIds() {
        return Set.copyOf(memberIds);
    }

    public org.relaydesk.core.routing.AssignmentStrategy assignmentStrategy() {
        return assignmentStrategy;
    }

    public void changeAssignmentStrategy(org.relaydesk.core.routing.AssignmentStrategy strategy) {
        this.assignmentStrategy = strategy;
    }
}
