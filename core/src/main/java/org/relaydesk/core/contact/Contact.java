package org.relaydesk.core.contact;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.OneToMany;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.relaydesk.core.persistence.WorkspaceOwned;

/**
 * A customer. One person reached on several channels is one contact with several identities;
 * the primary email is kept on the row because every list shows it.
 */
@Entity
@Table(name = "contacts")
public class Contact extends WorkspaceOwned {
    @Column(nullable = false)
    private String name;

    @Column(name = "primary_email")
    private String primaryEmail;

    private String organization;

    @OneToMany(mappedBy = "contact", cascade = CascadeType.ALL, orphanRemoval = true)
    private List<ContactIdentity> identities = new ArrayList<>();

    @Column(name = "created_at", nullable = false)
    private Instant createdAt = Instant.now();

    protected Contact() {
    }

    public Contact(String name) {
        this.name = name;
    }

    public static Contact withEmail(String name, String email) {
        String normalized = email.trim().toLowerCase(Locale.ROOT);
        String display = name == null || name.isBlank() ? normalized.substring(0, normalized.indexOf('@')) : name.trim();
        Contact contact = new Contact(display);
        contact.addIdentity(IdentityKind.EMAIL, normalized);
        return contact;
    }

    public void addIdentity(IdentityKind kind, String value) {
        identities.add(new ContactIdentity(this, kind, value));
        if (kind == IdentityKind.EMAIL && primaryEmail == null) {
            primaryEmail = value;
        }
    }

    public String name() {
        return name;
    }

    public String primaryEmail() {
        return primaryEmail;
    }

    public String organization() {
        return organization;
    }

    public List<ContactIdentity> identities() {
        return List.copyOf(identities);
    }

    public Instant createdAt() {
        return createdAt;
    }
}
