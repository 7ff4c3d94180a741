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

    protected ContactIdentity() {
    }

    ContactIdentity(Contact contact, IdentityKind kind, String value) {
        this.contact = contact;
        this.kind = kind;
        this.value = value;
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
