package org.relaydesk.core.ticket;

import org.relaydesk.core.access.RequiresRole;
import org.relaydesk.core.user.Role;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.List;
import org.relaydesk.core.error.InvalidInputException;
import org.relaydesk.core.persistence.Tenancy;

/**
 * The workspace's tags as a vocabulary: how often each is used, renaming (merging into an
 * existing tag) and removing one from every ticket. Tag rows carry no workspace of their own, so
 * every statement reaches them through their ticket's workspace.
 */
@ApplicationScoped
public class TagService {
    @Inject
    Tenancy tenancy;

    public record TagUse(String tag, long tickets) {
        public String getTag() {
            return tag;
        }

        public long getTickets() {
            return tickets;
        }
    }

    @Transactional
    public List<TagUse> usage(int limit) {
        List<?> rows = tenancy.sql("SELECT tt.tag, count(*) FROM ticket_tags tt JOIN tickets t ON t.id = tt.ticket_id "
                        + "WHERE t.workspace_id = CAST(?1 AS uuid) GROUP BY tt.tag ORDER BY count(*) DESC, tt.tag LIMIT ?2")
                .setParameter(1, tenancy.workspaceId().toString()).setParameter(2, limit).getResultList();
        List<TagUse> uses = new ArrayList<>();
        for (Object row : rows) {
            Object[] columns = (Object[]) row;
            uses.add(new TagUse(columns[0].toString(), ((Number) columns[1]).longValue()));
        }
        return uses;
    }

    /** Renames a tag on every ticket; tickets that already have the new one simply keep it. Returns tickets changed. */
    @Transactional
    @RequiresRole(Role.ADMIN)
    public int rename(String from, String to) {
        String target = Tags.normalize(java.util.Set.of(to == null ? "" : to)).stream().findFirst()
                .orElseThrow(() -> new InvalidInputException("tag", "must be 1 to 64 letters, digits, - or _"));
        String workspace = tenancy.workspaceId().toString();
        int renamed = tenancy.sql("INSERT INTO ticket_tags (ticket_id, tag) SELECT tt.ticket_id, ?1 FROM ticket_tags tt "
                        + "JOIN tickets t ON t.id = tt.ticket_id WHERE t.workspace_id = CAST(?2 AS uuid) AND tt.tag = ?3 ON CONFLICT DO NOTHING")
                .setParameter(1, target).setParameter(2, workspace).setParameter(3, from).executeUpdate();
        remove(from);
        tenancy.em().getEntityManagerFactory().getCache().evict(Ticket.class);
        return renamed;
    }

    @Transactional
    @RequiresRole(Role.ADMIN)
    public int remove(String tag) {
        int removed = tenancy.sql("DELETE FROM ticket_tags tt USING tickets t WHERE t.id = tt.ticket_id AND t.workspace_id = CAST(?1 AS uuid) AND tt.tag = ?2")
                .setParameter(1, tenancy.workspaceId().toString()).setParameter(2, tag).executeUpdate();
        // tickets cached with their tags must be read again
        tenancy.em().getEntityManagerFactory().getCache().evict(Ticket.class);
        return removed;
    }
}
