package org.relaydesk.core.outbox;

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
    public List<OutboxEntry> list(String status, int limit) {
        String where = status == null ? "" : " WHERE o.status = :status";
        var query = tenancy.em().createQuery("SELECT o FROM OutboxEntry o" + where + " ORDER BY o.createdAt DESC", OutboxEntry.class);
        if (status != null) {
            query.setParameter("status", status);
        }
        return query.setMaxResults(limit).getResultList();
    }
}
