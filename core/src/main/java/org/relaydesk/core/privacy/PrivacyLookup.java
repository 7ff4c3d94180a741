package org.relaydesk.core.privacy;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.relaydesk.core.error.InvalidInputException;
import org.relaydesk.core.error.PermissionDeniedException;
import org.relaydesk.core.persistence.NativeRows;
import org.relaydesk.core.persistence.Tenancy;
import org.relaydesk.core.user.AuthenticatedUser;
import org.relaydesk.core.user.Role;

/**
 * Finds the contact a privacy request is about: by any of their addresses or numbers exactly (an
 * email, a phone number, a WhatsApp id), or by the start of their name or email. Admins only.
 */
@ApplicationScoped
public class PrivacyLookup {
    /** A contact found, with how they are reached and how many tickets they asked. */
    public record Match(UUID contactId, String name, String email, List<String> identities, long tickets, String erasedAt) {
        public boolean erased() {
            return erasedAt != null;
        }
    }

    @Inject
    Tenancy tenancy;

    @Transactional
    public List<Match> find(AuthenticatedUser admin, String query) {
        if (!admin.may(Role.ADMIN)) {
            throw new PermissionDeniedException("Only admins handle privacy requests");
        }
        String q = query == null ? "" : query.strip();
        if (q.length() < 2 || q.length() > 320) {
            throw new InvalidInputException("query", "must be 2 to 320 characters: an email address, a phone number or the start of a name");
        }
        tenancy.actAs(admin.workspaceId());
        String lower = q.toLowerCase(Locale.ROOT);
        String digits = q.replaceAll("[^0-9]", "");
        String prefix = lower.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
        List<?> ids = tenancy.sql("SELECT CAST(c.id AS text) FROM contacts c WHERE c.workspace_id = CAST(?1 AS uuid) AND c.merged_into_id IS NULL AND ("
                + "lower(c.name) LIKE ?2 ESCAPE '\\' OR lower(c.primary_email) LIKE ?2 ESCAPE '\\' OR EXISTS (SELECT 1 FROM contact_identities i "
                + "WHERE i.contact_id = c.id AND (lower(i.value) = ?3 OR (length(?4) >= 6 AND regexp_replace(i.value, '[^0-9]', '', 'g') = ?4)))) "
                + "ORDER BY c.name LIMIT 25")
                .setParameter(1, admin.workspaceId().toString()).setParameter(2, prefix).setParameter(3, lower).setParameter(4, digits)
                .getResultList();
        List<Match> matches = new ArrayList<>();
        for (Object id : ids) {
            matches.add(describe(UUID.fromString(id.toString())));
        }
        return matches;
    }

    private Match describe(UUID contactId) {
        Object[] contact = (Object[]) tenancy.sql("SELECT name, primary_email, (SELECT count(*) FROM tickets t WHERE t.requester_id = c.id), erased_at "
                + "FROM contacts c WHERE c.id = CAST(?1 AS uuid)").setParameter(1, contactId.toString()).getSingleResult();
        Map<String, String> identities = new LinkedHashMap<>();
        for (Object row : tenancy.sql("SELECT kind, value FROM contact_identities WHERE contact_id = CAST(?1 AS uuid) ORDER BY kind, value")
                .setParameter(1, contactId.toString()).getResultList()) {
            Object[] identity = (Object[]) row;
            identities.put(identity[1].toString(), identity[0].toString().toLowerCase(Locale.ROOT) + ": " + identity[1]);
        }
        return new Match(contactId, contact[0] == null ? "" : contact[0].toString(), contact[1] == null ? null : contact[1].toString(),
                List.copyOf(identities.values()), ((Number) contact[2]).longValue(), NativeRows.iso(contact[3]));
    }
}
