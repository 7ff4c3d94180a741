package org.relaydesk.core.contact;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import org.relaydesk.core.persistence.WorkspaceOwned;

/** One address by which a contact reaches us: an email address, a WhatsApp number, a visitor id. */
@Entity
@Table(name = "contact_identities")
public class ContactIdentity extends WorkspaceOwned {
    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "contact_id")
    private Contact contact;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private IdentityKind kind;

    @Column(nullable = false)
    private String value;

    /** When the customer asked (STOP) to receive nothing more at this address; null: they may be written to. */
    @Column(name = "opted_out_at")
    private java.time.Instant optedOutAt;

    protected ContactIdentity() {
    }

    ContactIdentity(Contact contact, IdentityKind kind, String value) {
        this.contact = contact;
        this.kind = kind;
        this.value = value;
    }

    void moveTo(Contact survivor) {
        this.contact = survivor;
    }

    /** STOP: nothing more goes to this address; START: it may be written to again. */
    public void optOut(java.time.Instant at) {
        if (optedOutAt == null) {
            optedOutAt = at;
        }
    }

    public void optIn() {
        optedOutAt = null;
    }

    public boolean optedOut() {
        return optedOutAt != null;
    }

    public java.time.Instant optedOutAt() {
        return optedOutAt;
    }

    public Contact contact() {
        return contact;
    }

    public IdentityKind kind() {
        return kind;
    }

    public String value() {
        return value;
    }
}
