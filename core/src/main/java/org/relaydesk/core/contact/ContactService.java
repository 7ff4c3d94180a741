package org.relaydesk.core.contact;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.relaydesk.core.access.RequiresRole;
import org.relaydesk.core.error.ConflictException;
import org.relaydesk.core.error.InvalidInputException;
import org.relaydesk.core.error.NotFoundException;
import org.relaydesk.core.error.PermissionDeniedException;
import org.relaydesk.core.persistence.Tenancy;
import org.relaydesk.core.ticket.Actor;
import org.relaydesk.core.ticket.FieldChange;
import org.relaydesk.core.ticket.TicketChanged;
import org.relaydesk.core.ticket.TicketEvent;
import org.relaydesk.core.user.Role;

/**
 * Customers of the current workspace, recognised by their identities. A WhatsApp id and the phone
 * number it is made of ("14155550100" and "+14155550100") are one person: looking up either finds
 * the contact that has the other, and a contact met on WhatsApp gets both.
 */
@ApplicationScoped
public class ContactService {
    @Inject
    Tenancy tenancy;

    @Inject
    Event<TicketChanged> changed;

    @Inject
    Event<ContactCreated> created;

    @Inject
    Event<ContactsMerged> merged;

    @Inject
    org.relaydesk.core.access.Access access;

    @Inject
    org.relaydesk.core.ticket.TicketVisibility visibility;

    /**
     * Contacts whose name or email address starts with {@code prefix} (case-insensitive), for
     * requester pickers; both are prefix look-ups on indexes (migration 005), never a scan.
     */
    @Transactional
    public List<Contact> searchByPrefix(String prefix, int limit) {
        if (prefix == null || prefix.isBlank()) {
            return List.of();
        }
        String pattern = prefix.trim().toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
        return tenancy.em().createQuery("SELECT c FROM Contact c WHERE c.mergedIntoId IS NULL AND (LOWER(c.name) LIKE :p ESCAPE '\\' "
                        + "OR LOWER(c.primaryEmail) LIKE :p ESCAPE '\\') ORDER BY c.name", Contact.class)
                .setParameter("p", pattern).setMaxResults(Math.max(1, Math.min(limit, 50))).getResultList();
    }

    /** A contact of this workspace (merged ones too: they say where they went). */
    @Transactional
    public Contact get(UUID id) {
        Contact contact = id == null ? null : tenancy.em().find(Contact.class, id);
        if (contact == null) {
            throw new NotFoundException("Contact");
        }
        return contact;
    }

    /** The contact with this identity; the value is normalised first (a malformed one finds nobody). */
    @Transactional
    public Optional<Contact> findByIdentity(IdentityKind kind, String value) {
        String normalized;
        try {
            normalized = Identities.normalize(kind, value, kind.apiName());
        } catch (InvalidInputException e) {
            return Optional.empty();
        }
        return identityOf(kind, normalized).map(ContactIdentity::contact);
    }

    /** The identity with this (normalised) value, or its twin (a WhatsApp id's phone number and back). */
    private Optional<ContactIdentity> identityOf(IdentityKind kind, String normalized) {
        Optional<ContactIdentity> exact = exactIdentity(kind, normalized);
        if (exact.isPresent()) {
            return exact;
        }
        String[] twin = Identities.twin(kind, normalized);
        return twin == null ? Optional.empty() : exactIdentity(IdentityKind.valueOf(twin[0]), twin[1]);
    }

    private Optional<ContactIdentity> exactIdentity(IdentityKind kind, String normalized) {
        return tenancy.em().createQuery("SELECT i FROM ContactIdentity i WHERE i.kind = :kind AND LOWER(i.value) = :value", ContactIdentity.class)
                .setParameter("kind", kind).setParameter("value", normalized.toLowerCase(Locale.ROOT)).getResultStream().findFirst();
    }

    /** The contact's identity of this kind with this value (normalised), as a channel names it; empty when it has none. */
    @Transactional
    public Optional<ContactIdentity> identity(IdentityKind kind, String value) {
        try {
            return exactIdentity(kind, Identities.normalize(kind, value, kind.apiName()));
        } catch (InvalidInputException e) {
            return Optional.empty();
        }
    }

    /** The contact with this email address, created on first contact (see {@link #findOrCreateByIdentity}). */
    @Transactional
    public Contact findOrCreateByEmail(String email, String name) {
        return findOrCreateByIdentity(IdentityKind.EMAIL, email, name);
    }

    /**
     * The contact with this identity, created on first contact. Two requests from a new address at
     * the same moment (a customer double-submitting a form, a mail and a chat) must not both create
     * it: the first claims the address with a transaction-scoped advisory lock, the second waits for
     * its commit and then finds the contact it made. A WhatsApp id and its phone number share one
     * lock, so a message on WhatsApp and a ticket by phone at once still make one person. Found by
     * a WhatsApp id's twin (the phone number), the contact gains the WhatsApp id as well.
     *
     * @throws InvalidInputException when the value is not a valid address of its kind
     */
    @Transactional
    public Contact findOrCreateByIdentity(IdentityKind kind, String value, String name) {
        return findOrCreate(kind, value, name).contact();
    }

    /** A contact found or made by one identity, and whether this call made it. */
    public record Found(Contact contact, boolean created) {
    }

    /** {@link #findOrCreateByIdentity}, saying whether the contact is new. */
    @Transactional
    public Found findOrCreate(IdentityKind kind, String value, String name) {
        String normalized = Identities.normalize(kind, value, fieldOf(kind));
        Optional<Contact> known = exactIdentity(kind, normalized).map(ContactIdentity::contact);
        if (known.isPresent()) {
            return new Found(known.get(), false);
        }
        claim(kind, normalized);
        Optional<ContactIdentity> found = identityOf(kind, normalized);
        if (found.isPresent()) {
            Contact contact = found.get().contact();
            if (found.get().kind() != kind && kind == IdentityKind.WHATSAPP) {
                // known by phone, now met on WhatsApp; a merge of that contact at this moment must not leave the id behind
                contact = lockedOrSurvivor(contact, kind, normalized);
                tenancy.em().persist(contact.addIdentity(kind, normalized));
            }
            return new Found(contact, false);
        }
        Contact contact = Contact.withIdentity(name, kind, normalized);
        String[] twin = Identities.twin(kind, normalized);
        if (kind == IdentityKind.WHATSAPP) {
            contact.addIdentity(IdentityKind.valueOf(twin[0]), twin[1]); // a WhatsApp id is a phone number: reachable by it too
        }
        tenancy.em().persist(contact);
        created.fire(new ContactCreated(tenancy.workspaceId(), contact.id()));
        return new Found(contact, true);
    }

    /**
     * Holds the identity (and its twin: a WhatsApp id and its phone number share one lock) for this
     * transaction, so that two requests cannot both give it to someone. The workspace is part of the
     * key; the lock touches no table.
     */
    private void claim(IdentityKind kind, String normalized) {
        String lockValue = kind == IdentityKind.PHONE ? normalized.substring(1) : normalized;
        String lockKind = kind == IdentityKind.PHONE || kind == IdentityKind.WHATSAPP ? "PHONE" : kind.name();
        tenancy.sql("SELECT 1 FROM (SELECT pg_advisory_xact_lock(hashtextextended(?1, 0))) claimed")
                .setParameter(1, tenancy.workspaceId() + "|" + lockKind + "|" + lockValue.toLowerCase(Locale.ROOT)).getSingleResult();
    }

    /**
     * Another contact that holds this identity, exactly or by its twin (a WhatsApp id is its phone
     * number's person): giving it to {@code contact} as well would let whoever holds it write as them.
     */
    private Optional<ContactIdentity> heldByAnother(Contact contact, IdentityKind kind, String normalized) {
        Optional<ContactIdentity> exact = exactIdentity(kind, normalized).filter(i -> !i.contact().id().equals(contact.id()));
        if (exact.isPresent()) {
            return exact;
        }
        String[] twin = Identities.twin(kind, normalized);
        return twin == null ? Optional.empty()
                : exactIdentity(IdentityKind.valueOf(twin[0]), twin[1]).filter(i -> !i.contact().id().equals(contact.id()));
    }

    /**
     * The contact of the first identity, found or made ({@link #findOrCreate}). A contact made just
     * now also gets the other identities, each only when nobody has it (nor its twin) yet; a contact
     * that already existed gains none of them here, so that naming someone's email address and one's
     * own phone number cannot make that number theirs (and their replies and conversations one's own).
     */
    @Transactional
    public Contact findOrCreateWith(List<Map.Entry<IdentityKind, String>> identities, String name) {
        Map.Entry<IdentityKind, String> first = identities.get(0);
        Found found = findOrCreate(first.getKey(), first.getValue(), name);
        if (!found.created()) {
            return found.contact();
        }
        Contact contact = found.contact();
        for (Map.Entry<IdentityKind, String> identity : identities.subList(1, identities.size())) {
            IdentityKind kind = identity.getKey();
            String normalized = Identities.normalize(kind, identity.getValue(), fieldOf(kind));
            claim(kind, normalized);
            if (!contact.has(kind, normalized) && heldByAnother(contact, kind, normalized).isEmpty()) {
                tenancy.em().persist(contact.addIdentity(kind, normalized));
            }
        }
        return contact;
    }

    private static String fieldOf(IdentityKind kind) {
        return switch (kind) {
            case EMAIL -> "requester_email";
            case PHONE -> "requester_phone";
            case WHATSAPP -> "requester_whatsapp";
            case WIDGET_VISITOR -> "visitor_id";
        };
    }

    /**
     * Adds a way to reach the contact. An address another contact has, exactly or by its twin (the
     * phone number of a WhatsApp id and back), is refused (409, type identity-taken) with that
     * contact's name: the two are then the same person, and merging them is the way.
     */
    @Transactional
    @RequiresRole(Role.AGENT)
    public ContactIdentity addIdentity(UUID contactId, IdentityKind kind, String value) {
        if (kind == null) {
            throw new InvalidInputException("kind", "must be one of email, phone, whatsapp, widget_visitor");
        }
        Contact found = get(contactId);
        String normalized = Identities.normalize(kind, value, "value");
        claim(kind, normalized); // the identity first, then the contact: the order findOrCreate takes them in
        Contact contact = locked(found);
        if (contact.has(kind, normalized)) {
            throw new ConflictException("This contact already has " + normalized);
        }
        Optional<ContactIdentity> taken = heldByAnother(contact, kind, normalized);
        if (taken.isPresent()) {
            Contact holder = taken.get().contact();
            String held = taken.get().kind() == kind ? normalized : normalized + " (as " + taken.get().kind().apiName() + " " + taken.get().value() + ")";
            throw new ConflictException("identity-taken", held + " belongs to another contact, " + holder.name() + " (" + holder.id()
                    + "): if they are the same person, merge the two contacts", Map.of("contact_id", holder.id().toString(), "contact_name", holder.name()));
        }
        ContactIdentity identity = contact.addIdentity(kind, normalized);
        tenancy.em().persist(identity);
        return identity;
    }

    /** What became of a number its holder proved ({@link #attachProvenNumber}). */
    public enum ProvenNumber {
        /** The contact now has the number and its WhatsApp id. */
        ADDED,
        /** The contact had it already. */
        ALREADY,
        /**
         * A contact known only by this number (made by a message from it, with no portal account) held it: being the
         * number's holder is all that contact is, so it was merged into the customer's, with its conversations.
         */
        MERGED,
        /** Another contact holds the number (or its WhatsApp id) and more: nothing changed; agents merge the two if they are one person. */
        TAKEN
    }

    /**
     * A phone number the contact proved to hold (a code sent to it came back, e.g. in the portal): the
     * contact gains it as a phone number and a WhatsApp id. As with {@link #addIdentity}, a number
     * another contact has, exactly or by its twin, is never taken from them: that is {@code TAKEN}, and
     * nothing changes; except a contact that is nothing but this number (a WhatsApp sender without a portal
     * account): the proof makes them one person, and that contact is merged into this one. Runs for the
     * customer themselves, not for staff: the proof is the authority.
     */
    @Transactional
    public ProvenNumber attachProvenNumber(UUID contactId, String e164) {
        String normalized = Identities.normalize(IdentityKind.PHONE, e164, "phone_number");
        claim(IdentityKind.PHONE, normalized);
        Contact contact = locked(get(contactId));
        Optional<ContactIdentity> held = heldByAnother(contact, IdentityKind.PHONE, normalized);
        if (held.isPresent()) {
            Contact holder = held.get().contact();
            boolean onlyThisNumber = holder.identities().stream().allMatch(i -> sameNumber(i, IdentityKind.PHONE, normalized));
            boolean hasAccount = !tenancy.sql("SELECT 1 FROM customer_accounts WHERE contact_id = CAST(?1 AS uuid)")
                    .setParameter(1, holder.id().toString()).getResultList().isEmpty();
            if (!onlyThisNumber || hasAccount || holder.mergedIntoId() != null) {
                return ProvenNumber.TAKEN;
            }
            merge(holder.id(), contact.id(), new Actor("system", null, "Customer portal (number verified)"), false);
        }
        boolean added = false;
        for (String[] address : addresses(IdentityKind.PHONE, normalized)) {
            IdentityKind kind = IdentityKind.valueOf(address[0]);
            if (!contact.has(kind, address[1])) {
                tenancy.em().persist(contact.addIdentity(kind, address[1]));
                added = true;
            }
        }
        return held.isPresent() ? ProvenNumber.MERGED : added ? ProvenNumber.ADDED : ProvenNumber.ALREADY;
    }

    /** Whether the contact has this phone number (E.164) or its WhatsApp id. */
    @Transactional
    public boolean hasNumber(UUID contactId, String e164) {
        Contact contact = get(contactId);
        return addresses(IdentityKind.PHONE, e164).stream().anyMatch(a -> contact.has(IdentityKind.valueOf(a[0]), a[1]));
    }

    /**
     * Takes a phone number (E.164) and its WhatsApp id off the contact, at the customer's own request;
     * an identity that is the contact's last is kept (a contact must stay recognisable). Returns whether anything was removed.
     */
    @Transactional
    public boolean detachNumber(UUID contactId, String e164) {
        Contact contact = locked(get(contactId));
        boolean removed = false;
        for (ContactIdentity identity : contact.identities()) {
            if (sameNumber(identity, IdentityKind.PHONE, e164) && contact.identities().size() > 1) {
                contact.removeIdentity(identity);
                tenancy.em().remove(identity);
                removed = true;
            }
        }
        return removed;
    }

    /** Removes a way to reach the contact; the last one stays (a contact nobody can reach or recognise is refused). */
    @Transactional
    @RequiresRole(Role.AGENT)
    public void removeIdentity(UUID contactId, UUID identityId) {
        Contact contact = active(get(contactId));
        ContactIdentity identity = contact.identities().stream().filter(i -> i.id().equals(identityId)).findFirst()
                .orElseThrow(() -> new NotFoundException("Identity"));
        if (contact.identities().size() == 1) {
            throw new ConflictException("This is the contact's only identity; add another one first");
        }
        contact.removeIdentity(identity);
        tenancy.em().remove(identity);
    }

    /**
     * Two contacts that are the same person become one: {@code sourceId}'s identities, the tickets it
     * requested and the messages it wrote move to {@code intoId}, and each ticket it touched says so on
     * its timeline. The merged contact stays, pointing at the survivor. Both must be of the caller's
     * workspace (another workspace's contact is not found) and neither merged already (checked with
     * both rows locked); an agent must see a ticket of each ({@link #requireMaySeeBoth}).
     */
    @Transactional
    @RequiresRole(Role.AGENT)
    public Contact merge(UUID sourceId, UUID intoId, Actor by) {
        return merge(sourceId, intoId, by, true);
    }

    private Contact merge(UUID sourceId, UUID intoId, Actor by, boolean checkAccess) {
        if (intoId == null) {
            throw new InvalidInputException("into", "is required");
        }
        if (intoId.equals(sourceId)) {
            throw new InvalidInputException("into", "a contact cannot be merged into itself");
        }
        Contact source = get(sourceId);
        Contact into = tenancy.em().find(Contact.class, intoId);
        if (into == null) {
            throw new InvalidInputException("into", "no such contact");
        }
        // Two merges at once (A into B and B into A, or A into B and A into C) must not both pass:
        // both rows are locked, in one order for everyone, and read again once they are ours.
        tenancy.sql("SELECT CAST(id AS text) FROM contacts WHERE workspace_id = CAST(?1 AS uuid) AND id IN (CAST(?2 AS uuid), CAST(?3 AS uuid)) "
                        + "ORDER BY id FOR UPDATE")
                .setParameter(1, tenancy.workspaceId().toString()).setParameter(2, sourceId.toString()).setParameter(3, intoId.toString()).getResultList();
        tenancy.em().refresh(source);
        tenancy.em().refresh(into);
        active(source);
        active(into);
        if (checkAccess) {
            requireMaySeeBoth(source, into);
        }
        Instant now = Instant.now();
        String workspace = tenancy.workspaceId().toString();
        @SuppressWarnings("unchecked")
        List<Object[]> touched = tenancy.sql("SELECT DISTINCT CAST(t.id AS text), t.number FROM tickets t WHERE t.workspace_id = CAST(?1 AS uuid) "
                        + "AND (t.requester_id = CAST(?2 AS uuid) OR EXISTS (SELECT 1 FROM messages m WHERE m.ticket_id = t.id "
                        + "AND (m.author_contact_id = CAST(?2 AS uuid) OR m.conversation_contact_id = CAST(?2 AS uuid))))")
                .setParameter(1, workspace).setParameter(2, source.id().toString()).getResultList();
        for (ContactIdentity identity : source.identities()) {
            into.adopt(identity);
        }
        tenancy.em().flush();
        tenancy.sql("UPDATE tickets SET requester_id = CAST(?2 AS uuid) WHERE workspace_id = CAST(?1 AS uuid) AND requester_id = CAST(?3 AS uuid)")
                .setParameter(1, workspace).setParameter(2, into.id().toString()).setParameter(3, source.id().toString()).executeUpdate();
        tenancy.sql("UPDATE messages SET author_contact_id = CAST(?2 AS uuid) WHERE workspace_id = CAST(?1 AS uuid) AND author_contact_id = CAST(?3 AS uuid)")
                .setParameter(1, workspace).setParameter(2, into.id().toString()).setParameter(3, source.id().toString()).executeUpdate();
        // one person, one conversation: what the customer sees on their status pages follows them
        tenancy.sql("UPDATE messages SET conversation_contact_id = CAST(?2 AS uuid) WHERE workspace_id = CAST(?1 AS uuid) "
                        + "AND conversation_contact_id = CAST(?3 AS uuid)")
                .setParameter(1, workspace).setParameter(2, into.id().toString()).setParameter(3, source.id().toString()).executeUpdate();
        tenancy.sql("INSERT INTO contact_channel_activity (workspace_id, contact_id, account_id, last_customer_message_at) "
                        + "SELECT workspace_id, CAST(?2 AS uuid), account_id, last_customer_message_at FROM contact_channel_activity "
                        + "WHERE contact_id = CAST(?3 AS uuid) AND workspace_id = CAST(?1 AS uuid) ON CONFLICT (contact_id, account_id) "
                        + "DO UPDATE SET last_customer_message_at = GREATEST(contact_channel_activity.last_customer_message_at, EXCLUDED.last_customer_message_at)")
                .setParameter(1, workspace).setParameter(2, into.id().toString()).setParameter(3, source.id().toString()).executeUpdate();
        tenancy.sql("DELETE FROM contact_channel_activity WHERE contact_id = CAST(?1 AS uuid)").setParameter(1, source.id().toString()).executeUpdate();
        source.mergedInto(into);
        String words = "Contact " + source.name() + " merged into " + into.name() + " by " + by.name();
        for (Object[] ticket : touched) {
            UUID ticketId = UUID.fromString(ticket[0].toString());
            tenancy.em().persist(new TicketEvent(ticketId, "contact_merged", FieldChange.of("contact", source.name(), words), by, now));
            changed.fire(new TicketChanged(tenancy.workspaceId(), ticketId, ((Number) ticket[1]).longValue(), "updated", by.type(), by.id(), by.name()));
        }
        // tickets were changed behind the persistence context's back
        tenancy.em().getEntityManagerFactory().getCache().evict(org.relaydesk.core.ticket.Ticket.class);
        tenancy.em().getEntityManagerFactory().getCache().evict(org.relaydesk.core.ticket.Message.class);
        merged.fire(new ContactsMerged(tenancy.workspaceId(), source.id(), into.id(), by));
        return into;
    }

    /**
     * Merging moves one person's tickets and conversations onto another: an agent may do it only for
     * contacts it can see a ticket of (in a workspace restricted to teams); supervisors and admins,
     * and the system's own work, for any. A contact is never taken over from a team that hides it.
     */
    private void requireMaySeeBoth(Contact source, Contact into) {
        if (access.systemWork() || access.current().map(user -> user.may(Role.SUPERVISOR)).orElse(false)) {
            return;
        }
        var user = access.current().orElseThrow(() -> new PermissionDeniedException("This needs the agent role"));
        var restriction = visibility.restriction();
        if (restriction.isEmpty()) {
            return; // the agent sees every ticket of the workspace
        }
        for (Contact contact : List.of(source, into)) {
            boolean seesOne = !tenancy.sql("SELECT 1 FROM tickets t WHERE t.workspace_id = CAST(?1 AS uuid) AND t.requester_id = CAST(?2 AS uuid) "
                            + "AND (t.team_id IS NULL OR t.assignee_id = CAST(?3 AS uuid) OR t.team_id IN (SELECT m.team_id FROM team_members m "
                            + "WHERE m.user_id = CAST(?3 AS uuid))) LIMIT 1")
                    .setParameter(1, tenancy.workspaceId().toString()).setParameter(2, contact.id().toString())
                    .setParameter(3, user.id().toString()).getResultList().isEmpty();
            if (!seesOne) {
                throw new PermissionDeniedException("You can merge only contacts with a ticket you can see; " + contact.name()
                        + " has none of yours. Ask a supervisor to merge them");
            }
        }
    }

    /** The contact that holds the identity's twin, locked: the one found, or the one it was merged into meanwhile. */
    private Contact lockedOrSurvivor(Contact contact, IdentityKind kind, String normalized) {
        tenancy.sql("SELECT CAST(id AS text) FROM contacts WHERE id = CAST(?1 AS uuid) AND workspace_id = CAST(?2 AS uuid) FOR UPDATE")
                .setParameter(1, contact.id().toString()).setParameter(2, tenancy.workspaceId().toString()).getResultList();
        tenancy.em().refresh(contact);
        if (contact.mergedIntoId() == null) {
            return contact;
        }
        Contact survivor = get(contact.mergedIntoId());
        return locked(survivor);
    }

    /** The contact with its row locked and read again (a merge at the same moment goes first or after, never across), not merged. */
    private Contact locked(Contact contact) {
        tenancy.sql("SELECT CAST(id AS text) FROM contacts WHERE id = CAST(?1 AS uuid) AND workspace_id = CAST(?2 AS uuid) FOR UPDATE")
                .setParameter(1, contact.id().toString()).setParameter(2, tenancy.workspaceId().toString()).getResultList();
        tenancy.em().refresh(contact);
        return active(contact);
    }

    private static Contact active(Contact contact) {
        if (contact.mergedIntoId() != null) {
            throw new ConflictException("Contact " + contact.name() + " was merged into another contact (" + contact.mergedIntoId() + "); use that one");
        }
        return contact;
    }

    /** What became of a provider's notice that a customer's number changed; {@code holder}: who has the new number already (TAKEN). */
    public record NumberChange(Outcome outcome, Contact contact, Contact holder) {
        public enum Outcome {
            /** The contact now has the new number, and no longer the old one. */
            MOVED,
            /** Nobody has the old number: nothing to move. */
            UNKNOWN,
            /** Another contact has the new number: nothing moved, the agents decide (merge them if they are one person). */
            TAKEN
        }
    }

    /**
     * A messaging provider's notice (WhatsApp's "user changed number"): the contact with {@code oldValue}
     * gets {@code newValue} (and its phone twin) and loses the old number and its twin, since a number
     * given up is given to someone else in time, whose messages must not land on this customer's
     * tickets. An opt-out moves with the customer. Runs as the system (a channel's filing).
     */
    @Transactional
    public NumberChange changeNumber(IdentityKind kind, String oldValue, String newValue) {
        String from;
        String to;
        try {
            from = Identities.normalize(kind, oldValue, "old_address");
            to = Identities.normalize(kind, newValue, "new_address");
        } catch (InvalidInputException e) {
            return new NumberChange(NumberChange.Outcome.UNKNOWN, null, null);
        }
        for (String value : new java.util.TreeSet<>(List.of(lockKey(kind, from), lockKey(kind, to)))) {
            // the same lock a first message from either number takes (findOrCreateByIdentity): no contact is made meanwhile
            tenancy.sql("SELECT 1 FROM (SELECT pg_advisory_xact_lock(hashtextextended(?1, 0))) claimed").setParameter(1, value).getSingleResult();
        }
        Optional<ContactIdentity> old = identityOf(kind, from);
        if (old.isEmpty()) {
            return new NumberChange(NumberChange.Outcome.UNKNOWN, null, null);
        }
        Contact contact = old.get().contact();
        Optional<ContactIdentity> taken = identityOf(kind, to);
        if (taken.isPresent() && !taken.get().contact().id().equals(contact.id())) {
            return new NumberChange(NumberChange.Outcome.TAKEN, contact, taken.get().contact());
        }
        Instant optedOut = contact.identities().stream().filter(i -> sameNumber(i, kind, from)).map(ContactIdentity::optedOutAt)
                .filter(java.util.Objects::nonNull).findFirst().orElse(null);
        for (String[] address : addresses(kind, to)) {
            IdentityKind addressKind = IdentityKind.valueOf(address[0]);
            if (!contact.has(addressKind, address[1])) {
                ContactIdentity added = contact.addIdentity(addressKind, address[1]);
                if (optedOut != null) {
                    added.optOut(optedOut);
                }
                tenancy.em().persist(added);
            }
        }
        for (ContactIdentity given : contact.identities()) {
            if (sameNumber(given, kind, from)) {
                contact.removeIdentity(given);
                tenancy.em().remove(given);
            }
        }
        return new NumberChange(NumberChange.Outcome.MOVED, contact, null);
    }

    private String lockKey(IdentityKind kind, String normalized) {
        String value = kind == IdentityKind.PHONE ? normalized.substring(1) : normalized;
        String lockKind = kind == IdentityKind.PHONE || kind == IdentityKind.WHATSAPP ? "PHONE" : kind.name();
        return tenancy.workspaceId() + "|" + lockKind + "|" + value.toLowerCase(Locale.ROOT);
    }

    /** The address and, for a number, its twin (a WhatsApp id's phone number and back). */
    private static List<String[]> addresses(IdentityKind kind, String normalized) {
        String[] twin = Identities.twin(kind, normalized);
        return twin == null ? List.<String[]>of(new String[] {kind.name(), normalized}) : List.of(new String[] {kind.name(), normalized}, twin);
    }

    private static boolean sameNumber(ContactIdentity identity, IdentityKind kind, String normalized) {
        return addresses(kind, normalized).stream().anyMatch(a -> identity.kind().name().equals(a[0]) && identity.value().equalsIgnoreCase(a[1]));
    }

    /**
     * STOP or START from the customer on a channel: the identity they wrote from is opted out (nothing
     * more is sent to it) or in again. Returns whether anything changed.
     */
    @Transactional
    public boolean setOptedOut(UUID identityId, boolean out) {
        ContactIdentity identity = tenancy.em().find(ContactIdentity.class, identityId);
        if (identity == null) {
            throw new NotFoundException("Identity");
        }
        boolean was = identity.optedOut();
        if (out) {
            identity.optOut(Instant.now());
        } else {
            identity.optIn();
        }
        return was != out;
    }
}
