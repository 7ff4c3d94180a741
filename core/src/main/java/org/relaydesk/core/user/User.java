package org.relaydesk.core.user;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import java.time.Instant;
import org.relaydesk.core.persistence.WorkspaceOwned;

/** A staff member (agent, supervisor or admin) of one workspace. */
@Entity
@Table(name = "users")
public class User extends WorkspaceOwned {
    @Column(nullable = false)
    private String email;

    @Column(nullable = false)
    private String name;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private Role role;

    @Column(name = "system_admin", nullable = false)
    private boolean systemAdmin;

    @Column(name = "password_hash", nullable = false)
    private String passwordHash;

    @Column(nullable = false)
    private boolean active = true;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt = Instant.now();

    @Column(name = "last_login_at")
    private Instant lastLoginAt;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private Availability availability = Availability.ONLINE;

    /** At most this many unresolved tickets are assigned to them automatically; null: no limit. */
    @Column(name = "max_open_tickets")
    private Integer maxOpenTickets;

    @Column(name = "last_auto_assigned_at")
    private java.time.Instant lastAutoAssignedAt;

    @Column(name = "notify_assigned", nullable = false)
    private boolean notifyAssigned = true;

    @Column(name = "notify_customer_reply", nullable = false)
    private boolean notifyCustomerReply = true;

    @Column(name = "notify_internal_note", nullable = false)
    private boolean notifyInternalNote;

    @Column(name = "notify_mentioned", nullable = false)
    private boolean notifyMentioned = true;

    /** Moves on with every password change; sessions and session tokens of an earlier epoch are over. */
    @Column(name = "session_epoch", nullable = false)
    private int sessionEpoch;

    protected User() {
    }

    public User(String email, String name, Role role, String passwordHash) {
        this.email = email.trim().toLowerCase(java.util.Locale.ROOT);
        this.name = name.trim();
        this.role = role;
        this.passwordHash = passwordHash;
    }

    public boolean may(Role needed) {
        return active && role.atLeast(needed);
    }

    public void grantSystemAdmin() {
        this.systemAdmin = true;
    }

    /** A new password ends every session and session token issued before it. */
    public void changePasswordHash(String hash) {
        this.passwordHash = hash;
        this.sessionEpoch++;
    }

    public int sessionEpoch() {
        return sessionEpoch;
    }

    /** Ends every session and session token issued so far ("sign out everywhere", a reset second factor). */
    public void endSessions() {
        this.sessionEpoch++;
    }

    public void recordLogin(Instant at) {
        this.lastLoginAt = at;
    }

    /** Deactivating ends every session for good: reactivating does not bring them back. */
    public void deactivate() {
        this.active = false;
        this.sessionEpoch++;
    }

    public void reactivate() {
        this.active = true;
    }

    public void rename(String newName) {
        this.name = newName.trim();
    }

    public void changeRole(Role newRole) {
        this.role = newRole;
    }

    public void changeAvailability(Availability newAvailability) {
        this.availability = newAvailability;
    }

    public void changeNotifications(boolean assigned, boolean customerReply, boolean internalNote) {
        this.notifyAssigned = assigned;
        this.notifyCustomerReply = customerReply;
        this.notifyInternalNote = internalNote;
    }

    public Availability availability() {
        return availability;
    }

    public boolean notifyAssigned() {
        return notifyAssigned;
    }

    public boolean notifyCustomerReply() {
        return notifyCustomerReply;
    }

    /** Whether they hear of being @mentioned in an internal note. */
    public boolean notifyMentioned() {
        return notifyMentioned;
    }

    public void changeMentionNotices(boolean mentioned) {
        this.notifyMentioned = mentioned;
    }

    public boolean notifyInternalNote() {
        return notifyInternalNote;
    }

    public String email() {
        return email;
    }

    public String name() {
        return name;
    }

    public Role role() {
        return role;
    }

    public boolean systemAdmin() {
        return systemAdmin;
    }

    public String passwordHash() {
        return passwordHash;
    }

    public boolean active() {
        return active;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant lastLoginAt() {
        return lastLoginAt;
    }

    public Integer maxOpenTickets() {
        return maxOpenTickets;
    }

    public void changeMaxOpenTickets(Integer limit) {
        this.maxOpenTickets = limit;
    }

    public java.time.Instant lastAutoAssignedAt() {
        return lastAutoAssignedAt;
    }

    public void autoAssigned(java.time.Instant at) {
        this.lastAutoAssignedAt = at;
    }
}
