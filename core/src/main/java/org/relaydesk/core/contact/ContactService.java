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

    /**
     * Contacts whose name or email address starts with {@code prefix} (case-insensitive), for
     * requester pickers; both are prefix look-ups on indexes (migration 005), never a scan.
     */
    @Transactional
    public java.util.List<Contact> searchByPrefix(String prefix, int limit) {
        if (prefix == null || prefix.isBlank()) {
            return java.util.List.of();
        }
        String pattern = prefix.trim().toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
        return tenancy.em().createQuery("SELECT c FROM Contact c WHERE LOWER(c.name) LIKE :p ESCAPE '\\' OR LOWER(c.primaryEmail) LIKE :p ESCAPE '\\' "
                        + "ORDER BY c.name", Contact.class)
                .setParameter("p", pattern).setMaxResults(Math.max(1, Math.min(limit, 50))).getResultList();
    }

    @Transactional
    public Optional<Contact> findByIdentity(IdentityKind kind, String value) {
        return tenancy.em().createQuery(
                "SELECT i.contact FROM ContactIdentity i WHERE i.kind = :kind AND LOWER(i.value) = :value", Contact.class)
                .setParameter("kind", kind)
                .setParameter("value", value.trim().toLowerCase(Locale.ROOT))
                .getResultStream().findFirst();
    }

    /**
     * The contact with this email address, created on first contact. Two requests from a new address
     * at the same moment (a customer double-submitting a form, a mail and a chat) must not both create
     * it: the first claims the address with a transaction-scoped advisory lock, the second waits for
     * its commit and then finds the contact it made.
     */
    @Transactional
    public Contact findOrCreateByEmail(String email, String name) {
        Optional<Contact> known = findByIdentity(IdentityKind.EMAIL, email);
        if (known.isPresent()) {
            return known.get();
        }
        String key = tenancy.workspaceId() + "|EMAIL|" + email.trim().toLowerCase(Locale.ROOT);
        // The workspace is part of the key; the lock touches no table.
        tenancy.sql("SELECT 1 FROM (SELECT pg_advisory_xact_lock(hashtextextended(?1, 0))) claimed").setParameter(1, key).getSingleResult();
        return findByIdentity(IdentityKind.EMAIL, email).orElseGet(() -> {
            Contact contact = Contact.withEmail(name, email);
            tenancy.em().persist(contact);
            return contact;
        });
    }
}
