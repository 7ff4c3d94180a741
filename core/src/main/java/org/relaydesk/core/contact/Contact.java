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

    /** Set when an agent merged this contact into another (the same person): the survivor has its identities and tickets. */
    @Column(name = "merged_into_id")
    private java.util.UUID mergedIntoId;

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

    /**
     * A contact first known by another identity than email (a WhatsApp number): without a name, the
     * number stands for one ("+14155550100"), as every list needs something to show.
     */
    public static Contact withIdentity(String name, IdentityKind kind, String normalizedValue) {
        String display = name == null || name.isBlank() ? displayOf(kind, normalizedValue) : name.trim();
        Contact contact = new Contact(display.length() > 200 ? display.substring(0, 200) : display);
        contact.addIdentity(kind, normalizedValue);
        return contact;
    }

    private static String displayOf(IdentityKind kind, String value) {
        return switch (kind) {
            case EMAIL -> value.substring(0, Math.max(0, value.indexOf('@')));
            case WHATSAPP -> "+" + value;
            default -> value;
        };
    }

    public ContactIdentity addIdentity(IdentityKind kind, String value) {
        ContactIdentity identity = new ContactIdentity(this, kind, value);
        identities.add(identity);
        if (kind == IdentityKind.EMAIL && primaryEmail == null) {
            primaryEmail = value;
        }
        return identity;
    }

    /** Whether it has this identity already (values as normalised). */
    public boolean has(IdentityKind kind, String value) {
        return identities.stream().anyMatch(i -> i.kind() == kind && i.value().equalsIgnoreCase(value));
    }

    /** Removes one of its identities; the primary email moves to the next email address it has, if any. */
    void removeIdentity(ContactIdentity identity) {
        identities.remove(identity);
        if (identity.kind() == IdentityKind.EMAIL && identity.value().equalsIgnoreCase(primaryEmail)) {
            primaryEmail = identities.stream().filter(i -> i.kind() == IdentityKind.EMAIL).map(ContactIdentity::value).findFirst().orElse(null);
        }
    }

    /** Takes over another contact's identity (a merge). */
    void adopt(ContactIdentity identity) {
        identity.contact().identities.remove(identity);
        identity.moveTo(this);
        identities.add(identity);
        if (identity.kind() == IdentityKind.EMAIL && primaryEmail == null) {
            primaryEmail = identity.value();
        }
    }

    void mergedInto(Contact survivor) {
        this.mergedIntoId = survivor.id();
        this.primaryEmail = null;
    }

    public java.util.UUID mergedIntoId() {
        return mergedIntoId;
    }

    /** The first phone number it has (E.164), or null: what lists show where there is no email. */
    public String primaryPhone() {
        return identities.stream().filter(i -> i.kind() == IdentityKind.PHONE).map(ContactIdentity::value).findFirst()
                .orElse(identities.stream().filter(i -> i.kind() == IdentityKind.WHATSAPP).map(i -> "+" + i.value()).findFirst().orElse(null));
    }

    /** How to reach them, for lists: the email address, else the phone number, else nothing. */
    public String primaryAddress() {
        return primaryEmail != null ? primaryEmail : primaryPhone();
    }

    /** Its identity of this kind, if any. */
    public java.util.Optional<ContactIdentity> identity(IdentityKind kind) {
        return identities.stream().filter(i -> i.kind() == kind).findFirst();
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
