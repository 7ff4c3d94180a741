package org.relaydesk.core.portal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.relaydesk.core.persistence.WorkspaceOwned;

/**
 * A customer's portal account: the contact it signs in as, the email address it signs in with (one
 * of the contact's identities), and a password once one is chosen. Customers are not staff: this
 * is not a {@link org.relaydesk.core.user.User} and can never become one.
 */
@Entity
@Table(name = "customer_accounts")
public class CustomerAccount extends WorkspaceOwned {
    @Column(name = "contact_id", nullable = false)
    private UUID contactId;

    @Column(nullable = false)
    private String email;

    @Column(nullable = false)
    private String name;

    @Column(name = "password_hash")
    private String passwordHash;

    @Column(name = "verified_at")
    private Instant verifiedAt;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected CustomerAccount() {
    }

    CustomerAccount(UUID contactId, String email, String name, String passwordHash, Instant createdAt) {
        this.contactId = contactId;
        this.email = email;
        this.name = name;
        this.passwordHash = passwordHash;
        this.createdAt = createdAt;
    }

    void verify(Instant at) {
        if (verifiedAt == null) {
            verifiedAt = at;
        }
    }

    void changePasswordHash(String hash) {
        this.passwordHash = hash;
    }

    void rename(String newName) {
        this.name = newName;
    }

    /** The contact may have been merged into another since: the account follows it. */
    void moveToContact(UUID newContactId) {
        this.contactId = newContactId;
    }

    public UUID contactId() {
        return contactId;
    }

    public String email() {
        return email;
    }

    public String name() {
        return name;
    }

    String passwordHash() {
        return passwordHash;
    }

    public boolean verified() {
        return verifiedAt != null;
    }

    public Instant createdAt() {
        return createdAt;
    }
}
