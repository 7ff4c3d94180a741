package org.relaydesk.core.ticket;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.UUID;
import org.relaydesk.core.persistence.Tenancy;

/**
 * The staff members who may see a ticket, and so may be told live that it changed: the rule of
 * {@link TicketVisibility}, asked the other way round (for a ticket, who?) in one query. A ticket
 * that no longer exists (deleted) has no team, so everyone of the workspace hears of its removal.
 */
@ApplicationScoped
public class TicketAudience {
    @Inject
    Tenancy tenancy;

    /**
     * The push addresses ("user id:session epoch") of the staff who may see the ticket. The epoch
     * is part of the address so that a panel whose session a password change or deactivation ended
     * hears nothing more, even before it reloads. Runs in a transaction of its own: it is asked after
     * the change has committed.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public List<String> of(UUID workspaceId, UUID ticketId) {
        // the workspace is named in the query itself
        @SuppressWarnings("unchecked")
        List<Object> ids = tenancy.sql("""
                SELECT CAST(u.id AS text) || ':' || u.session_epoch FROM users u
                JOIN workspaces w ON w.id = u.workspace_id
                LEFT JOIN tickets t ON t.id = ? AND t.workspace_id = u.workspace_id
                WHERE u.workspace_id = ? AND u.active
                  AND (NOT w.restrict_to_teams OR u.role = 'ADMIN' OR t.team_id IS NULL OR t.assignee_id = u.id
                       OR EXISTS (SELECT 1 FROM team_members m WHERE m.team_id = t.team_id AND m.user_id = u.id))
                """).setParameter(1, ticketId).setParameter(2, workspaceId).getResultList();
        return ids.stream().map(Object::toString).toList();
    }
}
