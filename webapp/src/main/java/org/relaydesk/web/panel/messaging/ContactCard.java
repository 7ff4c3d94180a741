package org.relaydesk.web.panel.messaging;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.relaydesk.core.contact.Contact;
import org.relaydesk.core.contact.ContactIdentity;
import org.relaydesk.core.contact.ContactService;
import org.relaydesk.core.contact.IdentityKind;
import org.relaydesk.core.error.NotFoundException;
import org.relaydesk.core.ticket.Actor;
import org.relaydesk.web.panel.PanelActions;
import org.relaydesk.web.panel.PanelSession;

/**
 * The requester's identities on the ticket page (email, phone, WhatsApp, with an opt-out shown), and
 * "Merge with another contact": a search over contacts by name, email or number, then the merge
 * through ContactService, which checks the caller and records it on the tickets' timelines.
 */
@Named
@ViewScoped
public class ContactCard implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final int SUGGESTIONS = 8;

    @Inject
    ContactService contacts;

    @Inject
    PanelSession session;

    private String mergeInto;

    /** One way to reach the contact, as the card shows it. */
    public record Identity(String kind, String icon, String value, boolean optedOut) implements Serializable {
        public String getKind() {
            return kind;
        }

        public String getIcon() {
            return icon;
        }

        public String getValue() {
            return value;
        }

        public boolean isOptedOut() {
            return optedOut;
        }
    }

    public List<Identity> identitiesOf(Contact contact) {
        if (contact == null) {
            return List.of();
        }
        return contact.identities().stream().sorted(java.util.Comparator.comparing(ContactIdentity::kind)).map(ContactCard::shown).toList();
    }

    private static Identity shown(ContactIdentity identity) {
        return switch (identity.kind()) {
            case EMAIL -> new Identity("Email", "pi-envelope", identity.value(), identity.optedOut());
            case PHONE -> new Identity("Phone", "pi-phone", identity.value(), identity.optedOut());
            case WHATSAPP -> new Identity("WhatsApp", "pi-whatsapp", "+" + identity.value(), identity.optedOut());
            case WIDGET_VISITOR -> new Identity("Chat visitor", "pi-comments", identity.value(), identity.optedOut());
        };
    }

    /** The WhatsApp id of the contact, for the link to its conversation; null when it has none. */
    public String whatsAppOf(Contact contact) {
        return contact == null ? null : contact.identity(IdentityKind.WHATSAPP).map(ContactIdentity::value).orElse(null);
    }

    /**
     * Contacts to merge with: by the start of their name or email address, or by a phone or WhatsApp
     * number; never the contact itself. Values are contact ids, labels say who they are.
     */
    public List<String> complete(String query, Contact self) {
        if (query == null || query.isBlank() || query.length() > 200) {
            return List.of();
        }
        Map<UUID, Contact> found = new LinkedHashMap<>();
        for (IdentityKind kind : List.of(IdentityKind.PHONE, IdentityKind.WHATSAPP)) {
            if (query.trim().matches("\\+?[0-9 ()-]{6,}")) {
                contacts.findByIdentity(kind, query.trim()).ifPresent(c -> found.putIfAbsent(c.id(), c));
            }
        }
        contacts.searchByPrefix(query, SUGGESTIONS).forEach(c -> found.putIfAbsent(c.id(), c));
        List<String> ids = new ArrayList<>();
        for (Contact c : found.values()) {
            if (self == null || !c.id().equals(self.id())) {
                ids.add(c.id().toString());
            }
        }
        return ids.size() > SUGGESTIONS ? ids.subList(0, SUGGESTIONS) : ids;
    }

    /** "Ann Lee · ann@example.com", for a suggestion's id. */
    public String label(String contactId) {
        try {
            Contact c = contacts.get(UUID.fromString(contactId));
            return c.primaryAddress() == null ? c.name() : c.name() + " · " + c.primaryAddress();
        } catch (IllegalArgumentException | NotFoundException e) {
            return contactId;
        }
    }

    /**
     * Merges the ticket's requester into the chosen contact (one person): ContactService moves the
     * identities and tickets and writes it on each ticket's timeline. True when done.
     */
    public boolean merge(Contact requester) {
        UUID into;
        try {
            into = mergeInto == null ? null : UUID.fromString(mergeInto.trim());
        } catch (IllegalArgumentException e) {
            into = null;
        }
        if (into == null) {
            PanelActions.error("Choose the contact to merge with from the suggestions.");
            return false;
        }
        UUID target = into;
        boolean merged = PanelActions.attempt(() -> contacts.merge(requester.id(), target, Actor.of(session.getUser())),
                requester.name() + " and " + label(target.toString()) + " are now one contact");
        if (merged) {
            mergeInto = null;
        }
        return merged;
    }

    public String getMergeInto() {
        return mergeInto;
    }

    public void setMergeInto(String mergeInto) {
        this.mergeInto = mergeInto;
    }
}
