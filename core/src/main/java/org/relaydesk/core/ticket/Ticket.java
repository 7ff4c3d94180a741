package org.relaydesk.core.ticket;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.relaydesk.api.ticket.TicketPriority;
import org.relaydesk.api.ticket.TicketStatus;
import org.relaydesk.core.contact.Contact;
import org.relaydesk.core.persistence.WorkspaceOwned;
import org.relaydesk.core.user.User;

/**
 * A support request. The ticket owns its lifecycle: every state change goes through a method here
 * that refuses what the lifecycle does not allow and reports what changed for the timeline.
 */
@Entity
@Table(name = "tickets")
public class Ticket extends WorkspaceOwned {
    private static final Map<TicketStatus, Set<TicketStatus>> LEGAL = Map.of(
            TicketStatus.NEW, EnumSet.of(TicketStatus.OPEN, TicketStatus.IN_PROGRESS, TicketStatus.WAITING_ON_CUSTOMER,
                    TicketStatus.WAITING_ON_THIRD_PARTY, TicketStatus.RESOLVED, TicketStatus.CANCELLED),
            TicketStatus.OPEN, EnumSet.of(TicketStatus.IN_PROGRESS, TicketStatus.WAITING_ON_CUSTOMER,
                    TicketStatus.WAITING_ON_THIRD_PARTY, TicketStatus.RESOLVED, TicketStatus.CANCELLED),
            TicketStatus.IN_PROGRESS, EnumSet.of(TicketStatus.OPEN, TicketStatus.WAITING_ON_CUSTOMER,
                    TicketStatus.WAITING_ON_THIRD_PARTY, TicketStatus.RESOLVED, TicketStatus.CANCELLED),
            TicketStatus.WAITING_ON_CUSTOMER, EnumSet.of(TicketStatus.OPEN, TicketStatus.IN_PROGRESS,
                    TicketStatus.WAITING_ON_THIRD_PARTY, TicketStatus.RESOLVED, TicketStatus.CANCELLED),
            TicketStatus.WAITING_ON_THIRD_PARTY, EnumSet.of(TicketStatus.OPEN, TicketStatus.IN_PROGRESS,
                    TicketStatus.WAITING_ON_CUSTOMER, TicketStatus.RESOLVED, TicketStatus.CANCELLED),
            TicketStatus.RESOLVED, EnumSet.of(TicketStatus.OPEN, TicketStatus.CLOSED),
            TicketStatus.CLOSED, EnumSet.of(TicketStatus.OPEN),
            TicketStatus.CANCELLED, EnumSet.of(TicketStatus.OPEN));

    @Column(nullable = false)
    private long number;

    @Column(nullable = false)
    private String subject;

    private String description;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private TicketStatus status = TicketStatus.NEW;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private TicketPriority priority = TicketPriority.MEDIUM;

    /** Mirrors {@link #priority} as 1..5 so that SQL sorts by importance, not alphabet. */
    @Column(name = "priority_rank", nullable = false)
    private int priorityRank = TicketPriority.MEDIUM.rank();

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private TicketType type = TicketType.QUESTION;

    @Column(name = "category_id")
    private UUID categoryId;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "requester_id")
    private Contact requester;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "assignee_id")
    private User assignee;

    @Column(name = "team_id")
    private UUID teamId;

    @Column(name = "department_id")
    private UUID departmentId;

    @Column(name = "source_channel", nullable = false)
    private String sourceChannel = "api";

    /** The channel account it came in through (agents' public replies go out through it), or null. */
    @Column(name = "channel_account_id")
    private UUID channelAccountId;

    /** JSON object of custom field values, stored as jsonb. */
    @Column(name = "custom_fields", nullable = false)
    private String customFields = "{}";

    @ElementCollection(fetch = FetchType.LAZY)
    @CollectionTable(name = "ticket_tags", joinColumns = @JoinColumn(name = "ticket_id"))
    @Column(name = "tag")
    private Set<String> tags = new TreeSet<>();

    @Column(name = "merged_into_id")
    private UUID mergedIntoId;

    // The SLA as last computed by SlaService (from the ticket's history; these are a cache for lists and the watcher).
    @Column(name = "sla_policy_id")
    private UUID slaPolicyId;

    @Column(name = "sla_first_response_due_at")
    private Instant slaFirstResponseDueAt;

    @Column(name = "sla_next_response_due_at")
    private Instant slaNextResponseDueAt;

    @Column(name = "sla_resolution_due_at")
    private Instant slaResolutionDueAt;

    @Column(name = "sla_state")
    private String slaState;

    /** Why the SLA watcher set the ticket aside (its SLA could not be computed); null while it can. Written by the watcher only. */
    @Column(name = "sla_error", insertable = false, updatable = false)
    private String slaError;

    @Column(name = "sla_due_at")
    private Instant slaDueAt;

    @Column(name = "sla_next_check_at")
    private Instant slaNextCheckAt;

    @Column(name = "sla_announced")
    private String slaAnnounced;

    /** The skills an agent needs for this ticket, a JSON array of names (skill-based routing). */
    @Column(name = "required_skills", nullable = false)
    private String requiredSkills = "[]";

    @Column(name = "first_response_at")
    private Instant firstResponseAt;

    @Column(name = "resolved_at")
    private Instant resolvedAt;

    @Column(name = "closed_at")
    private Instant closedAt;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt = Instant.now();

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt = createdAt;

    @Version
    private long version;

    protected Ticket() {
    }

    public Ticket(long number, String subject, String description, Contact requester) {
        this.number = number;
        this.subject = subject;
        this.description = description;
        this.requester = requester;
    }

    public boolean canMoveTo(TicketStatus target) {
        return LEGAL.get(status).contains(target);
    }

    /** Moves to another status, stamping resolved/closed times; refuses what the lifecycle forbids. */
    public FieldChange changeStatus(TicketStatus target, Instant at) {
        if (target == status) {
            return FieldChange.of("status", status.apiName(), status.apiName());
        }
        if (mergedIntoId != null) {
            throw new IllegalTransitionException("Ticket was merged into another ticket and cannot change status");
        }
        if (!canMoveTo(target)) {
            throw new IllegalTransitionException("A ticket cannot go from " + status.apiName() + " to " + target.apiName());
        }
        TicketStatus before = status;
        status = target;
        if (target == TicketStatus.RESOLVED) {
            resolvedAt = at;
        } else if (target == TicketStatus.CLOSED || target == TicketStatus.CANCELLED) {
            closedAt = at;
        } else if (target.isActive()) {
            resolvedAt = null;
            closedAt = null;
        }
        touch(at);
        return FieldChange.of("status", before.apiName(), target.apiName());
    }

    public FieldChange resolve(Instant at) {
        requireStatusIn("resolve", EnumSet.of(TicketStatus.NEW, TicketStatus.OPEN, TicketStatus.IN_PROGRESS,
                TicketStatus.WAITING_ON_CUSTOMER, TicketStatus.WAITING_ON_THIRD_PARTY));
        return changeStatus(TicketStatus.RESOLVED, at);
    }

    public FieldChange close(Instant at) {
        requireStatusIn("close", EnumSet.of(TicketStatus.RESOLVED));
        return changeStatus(TicketStatus.CLOSED, at);
    }

    public FieldChange reopen(Instant at) {
        requireStatusIn("reopen", EnumSet.of(TicketStatus.RESOLVED, TicketStatus.CLOSED, TicketStatus.CANCELLED));
        return changeStatus(TicketStatus.OPEN, at);
    }

    /** Closes this ticket as a duplicate of {@code target}, whatever its status (unless already merged). */
    public List<FieldChange> mergeInto(Ticket target, Instant at) {
        if (target.equals(this)) {
            throw new IllegalTransitionException("A ticket cannot be merged into itself");
        }
        if (mergedIntoId != null) {
            throw new IllegalTransitionException("Ticket " + number + " is already merged");
        }
        if (target.mergedIntoId != null) {
            throw new IllegalTransitionException("Ticket " + target.number + " was merged into another ticket");
        }
        List<FieldChange> changes = new ArrayList<>();
        TicketStatus before = status;
        status = TicketStatus.CLOSED;
        closedAt = at;
        mergedIntoId = target.id();
        touch(at);
        changes.add(FieldChange.of("status", before.apiName(), status.apiName()));
        changes.add(FieldChange.of("merged_into_id", null, target.id()));
        return changes;
    }

    private void requireStatusIn(String action, Set<TicketStatus> allowed) {
        if (mergedIntoId != null) {
            throw new IllegalTransitionException("Ticket was merged into another ticket; it cannot " + action);
        }
        if (!allowed.contains(status)) {
            throw new IllegalTransitionException("A " + status.apiName().replace('_', ' ') + " ticket cannot " + action);
        }
    }

    public FieldChange assign(User agent, Instant at) {
        User before = assignee;
        assignee = agent;
        touch(at);
        return FieldChange.of("assignee", before == null ? null : before.name(), agent == null ? null : agent.name());
    }

    public FieldChange changePriority(TicketPriority newPriority, Instant at) {
        TicketPriority before = priority;
        priority = newPriority;
        priorityRank = newPriority.rank();
        touch(at);
        return FieldChange.of("priority", before.apiName(), newPriority.apiName());
    }

    public FieldChange changeSubject(String newSubject, Instant at) {
        String before = subject;
        subject = newSubject;
        touch(at);
        return FieldChange.of("subject", before, newSubject);
    }

    public FieldChange changeDescription(String newDescription, Instant at) {
        String before = description;
        description = newDescription;
        touch(at);
        return FieldChange.of("description", before, newDescription);
    }

    public FieldChange changeType(TicketType newType, Instant at) {
        TicketType before = type;
        type = newType;
        touch(at);
        return FieldChange.of("type", before.apiName(), newType.apiName());
    }

    public FieldChange changeCategory(UUID newCategoryId, Instant at) {
        UUID before = categoryId;
        categoryId = newCategoryId;
        touch(at);
        return FieldChange.of("category_id", before, newCategoryId);
    }

    public FieldChange changeTeam(UUID newTeamId, Instant at) {
        UUID before = teamId;
        teamId = newTeamId;
        touch(at);
        return FieldChange.of("team_id", before, newTeamId);
    }

    public FieldChange changeDepartment(UUID newDepartmentId, Instant at) {
        UUID before = departmentId;
        departmentId = newDepartmentId;
        touch(at);
        return FieldChange.of("department_id", before, newDepartmentId);
    }

    public FieldChange replaceTags(Set<String> newTags, Instant at) {
        String before = String.join(", ", tags);
        tags.clear();
        tags.addAll(newTags);
        touch(at);
        return FieldChange.of("tags", before, String.join(", ", tags));
    }

    public FieldChange replaceCustomFields(String json, Instant at) {
        String before = customFields;
        customFields = json;
        touch(at);
        return FieldChange.of("custom_fields", before, json);
    }

    public void arrivedThrough(UUID accountId, String kind) {
        this.channelAccountId = accountId;
        this.sourceChannel = kind;
    }

    public UUID channelAccountId() {
        return channelAccountId;
    }

    public void setSourceChannel(String channel) {
        this.sourceChannel = channel;
    }

    /** The first public reply by staff starts the customer's "answered" clock. */
    public boolean recordAgentReply(Instant at) {
        touch(at);
        if (firstResponseAt == null) {
            firstResponseAt = at;
            return true;
        }
        return false;
    }

    /** A customer writing on a solved ticket reopens it, as customers expect. */
    public FieldChange recordCustomerReply(Instant at) {
        touch(at);
        if (status == TicketStatus.RESOLVED || status == TicketStatus.WAITING_ON_CUSTOMER) {
            return changeStatus(TicketStatus.OPEN, at);
        }
        return null;
    }

    public void touch(Instant at) {
        updatedAt = at;
    }

    public long number() {
        return number;
    }

    public String subject() {
        return subject;
    }

    public String description() {
        return description;
    }

    public TicketStatus status() {
        return status;
    }

    public TicketPriority priority() {
        return priority;
    }

    public TicketType type() {
        return type;
    }

    public UUID categoryId() {
        return categoryId;
    }

    public Contact requester() {
        return requester;
    }

    public User assignee() {
        return assignee;
    }

    public UUID teamId() {
        return teamId;
    }

    /** Stores a fresh SLA computation; due times of clocks that are not running are cleared. */
    public void applySla(UUID policyId, Instant firstResponseDue, Instant nextResponseDue, Instant resolutionDue, String state,
            Instant nextCheck) {
        this.slaPolicyId = policyId;
        this.slaFirstResponseDueAt = firstResponseDue;
        this.slaNextResponseDueAt = nextResponseDue;
        this.slaResolutionDueAt = resolutionDue;
        this.slaState = state;
        this.slaNextCheckAt = nextCheck;
        this.slaDueAt = java.util.stream.Stream.of(firstResponseDue, nextResponseDue, resolutionDue).filter(java.util.Objects::nonNull)
                .min(Instant::compareTo).orElse(null);
    }

    /** The soonest due time of the running clocks (null when none runs). */
    public Instant slaDueAt() {
        return slaDueAt;
    }

    public Set<String> requiredSkills() {
        try (var reader = org.relaydesk.core.text.Jsonp.createReader(new java.io.StringReader(requiredSkills == null ? "[]" : requiredSkills))) {
            return reader.readArray().getValuesAs(jakarta.json.JsonString.class).stream().map(jakarta.json.JsonString::getString)
                    .collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new));
        }
    }

    public FieldChange replaceRequiredSkills(Set<String> skills, Instant at) {
        String before = String.join(", ", requiredSkills());
        var array = org.relaydesk.core.text.Jsonp.createArrayBuilder();
        new java.util.TreeSet<>(skills).forEach(array::add);
        requiredSkills = array.build().toString();
        touch(at);
        return FieldChange.of("required_skills", before, String.join(", ", requiredSkills()));
    }

    public void slaAnnounced(String keys) {
        this.slaAnnounced = keys;
    }

    public UUID slaPolicyId() {
        return slaPolicyId;
    }

    public String slaError() {
        return slaError;
    }

    public Instant slaFirstResponseDueAt() {
        return slaFirstResponseDueAt;
    }

    public Instant slaNextResponseDueAt() {
        return slaNextResponseDueAt;
    }

    public Instant slaResolutionDueAt() {
        return slaResolutionDueAt;
    }

    public String slaState() {
        return slaState;
    }

    public Instant slaNextCheckAt() {
        return slaNextCheckAt;
    }

    /** The SLA moments already raised (see SlaService); null for none, "*" to adopt the current ones silently. */
    public String slaAnnounced() {
        return slaAnnounced;
    }

    public UUID departmentId() {
        return departmentId;
    }

    public String sourceChannel() {
        return sourceChannel;
    }

    public String customFields() {
        return customFields;
    }

    public Set<String> tags() {
        return Set.copyOf(tags);
    }

    public UUID mergedIntoId() {
        return mergedIntoId;
    }

    public Instant firstResponseAt() {
        return firstResponseAt;
    }

    public Instant resolvedAt() {
        return resolvedAt;
    }

    public Instant closedAt() {
        return closedAt;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    /** For importers and the demo seeder, which recreate history. */
    public void backdate(Instant created) {
        this.createdAt = created;
        this.updatedAt = created;
    }
}
