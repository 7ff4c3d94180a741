package org.relaydesk.core.outbox;

import org.relaydesk.core.access.RequiresRole;
import org.relaydesk.core.user.Role;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.List;
import org.relaydesk.core.persistence.Tenancy;

/** What waits to go out of the current workspace (emails, webhooks), newest first, for admins to see. */
@ApplicationScoped
public class OutboxService {
    @Inject
    Tenancy tenancy;

    @Transactional
    @RequiresRole(Role.ADMIN)
    public List<OutboxEntry> list(String status, int limit) {
        String where = status == null ? "" : " WHERE o.status = :status";
        var query = tenancy.em().createQuery("SELECT o FROM OutboxEntry o" + where + " ORDER BY o.createdAt DESC", OutboxEntry.class);
        if (status != null) {
            query.setParameter("status", status);
        }
        return query.setMaxResults(limit).getResultList();
    }

    /** A dead entry goes back in line (after what made it fail was fixed). */
    @Transactional
    @RequiresRole(Role.ADMIN)
    public OutboxEntry replay(java.util.UUID id) {
        OutboxEntry entry = tenancy.em().find(OutboxEntry.class, id);
        if (entry == null) {
            throw new org.relaydesk.core.error.NotFoundException("Outbox entry");
        }
        if (!"dead".equals(entry.status())) {
            throw new org.relaydesk.core.error.ConflictException("Only a dead entry can be replayed (this one is " + entry.status() + ")");
        }
        entry.replay(java.time.Instant.now());
        return entry;
    }
}
