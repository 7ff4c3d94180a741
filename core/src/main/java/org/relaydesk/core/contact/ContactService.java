package org.relaydesk.core.contact;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.Locale;
import java.util.Optional;
import org.relaydesk.core.persistence.Tenancy;

/** Customers of the current workspace, recognised by their identities. */
@ApplicationScoped
public class ContactService {
    @Inject
    Tenancy tenancy;

    @Transactional
    public Optional<Contact> findByIdentity(IdentityKind kind, String value) {
        return tenancy.em().createQuery(
                "SELECT i.contact FROM ContactIdentity i WHERE i.kind = :kind AND LOWER(i.value) = :value", Contact.class)
                .setParameter("kind", kind)
                .setParameter("value", value.trim().toLowerCase(Locale.ROOT))
                .getResultStream().findFirst();
    }

    /** The contact with this email address, created on first contact. */
    @Transactional
    public Contact findOrCreateByEmail(String email, String name) {
        return findByIdentity(IdentityKind.EMAIL, email).orElseGet(() -> {
            Contact contact = Contact.withEmail(name, email);
            tenancy.em().persist(contact);
            return contact;
        });
    }
}
