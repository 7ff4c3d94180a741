package org.relaydesk.core.retention;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.relaydesk.core.audit.AuditAction;
import org.relaydesk.core.audit.Audited;
import org.relaydesk.core.error.InvalidInputException;
import org.relaydesk.core.error.NotFoundException;
import org.relaydesk.core.error.PermissionDeniedException;
import org.relaydesk.core.persistence.NativeRows;
import org.relaydesk.core.persistence.Tenancy;
import org.relaydesk.core.user.AuthenticatedUser;
import org.relaydesk.core.user.Role;

/**
 * Legal hold: a ticket kept as it is for a dispute or an investigation. Retention policies pass it by,
 * it cannot be deleted, and its requester's personal data cannot be erased until an admin lifts it.
 */
@ApplicationScoped
public class LegalHolds {
    public record Hold(UUID ticketId, long number, String subject, Instant since, String reason) {
    }

    @Inject
    Tenancy tenancy;

    @Inject
    Event<Audited> audit;

    Clock clock = Clock.systemUTC();

    /** Puts the ticket under hold ({@code reason} required) or lifts it; each change audited. */
    @Transactional
    public Hold set(AuthenticatedUser admin, UUID ticketId, boolean on, String reason) {
        requireAdmin(admin);
        tenancy.actAs(admin.workspaceId());
        Hold before = find(admin.workspaceId(), ticketId);
        if (on) {
            String why = reason == null ? "" : reason.strip();
            if (why.isEmpty() || why.length() > 500) {
                throw new InvalidInputException("reason", "is required (at most 500 characters): what the ticket is kept for");
            }
            tenancy.sql("UPDATE tickets SET legal_hold_at = coalesce(legal_hold_at, ?3), legal_hold_reason = ?4 WHERE id = CAST(?1 AS uuid) "
                    + "AND workspace_id = CAST(?2 AS uuid)").setParameter(1, ticketId.toString()).setParameter(2, admin.workspaceId().toString())
                    .setParameter(3, java.sql.Timestamp.from(clock.instant())).setParameter(4, why).executeUpdate();
            audit.fire(Audited.of(admin.workspaceId(), AuditAction.LEGAL_HOLD_ON, "ticket", ticketId, "#" + before.number()).changed(before.reason(), why));
        } else if (before.since() != null) {
            tenancy.sql("UPDATE tickets SET legal_hold_at = NULL, legal_hold_reason = NULL WHERE id = CAST(?1 AS uuid) AND workspace_id = CAST(?2 AS uuid)")
                    .setParameter(1, ticketId.toString()).setParameter(2, admin.workspaceId().toString()).executeUpdate();
            audit.fire(Audited.of(admin.workspaceId(), AuditAction.LEGAL_HOLD_OFF, "ticket", ticketId, "#" + before.number()).changed(before.reason(), null));
        }
        return find(admin.workspaceId(), ticketId);
    }

    @Transactional
    public Hold of(AuthenticatedUser caller, UUID ticketId) {
        if (!caller.may(Role.SUPERVISOR)) {
            throw new PermissionDeniedException("Supervisors and admins see legal holds");
        }
        tenancy.actAs(caller.workspaceId());
        return find(caller.workspaceId(), ticketId);
    }

    /** The workspace's tickets under hold, the longest held first. */
    @Transactional
    public List<Hold> list(AuthenticatedUser admin) {
        requireAdmin(admin);
        tenancy.actAs(admin.workspaceId());
        List<Hold> holds = new ArrayList<>();
        for (Object[] row : NativeRows.of(tenancy.sql("SELECT CAST(id AS text), number, subject, legal_hold_at, legal_hold_reason FROM tickets "
                + "WHERE workspace_id = CAST(?1 AS uuid) AND legal_hold_at IS NOT NULL ORDER BY legal_hold_at, number LIMIT 1000")
                .setParameter(1, admin.workspaceId().toString()).getResultList())) {
            holds.add(new Hold(UUID.fromString(row[0].toString()), ((Number) row[1]).longValue(), String.valueOf(row[2]), NativeRows.instant(row[3]),
                    row[4] == null ? null : row[4].toString()));
        }
        return holds;
    }

    private Hold find(UUID workspaceId, UUID ticketId) {
        List<Object[]> rows = NativeRows.of(tenancy.sql("SELECT number, subject, legal_hold_at, legal_hold_reason FROM tickets WHERE id = CAST(?1 AS uuid) "
                + "AND workspace_id = CAST(?2 AS uuid)").setParameter(1, ticketId.toString()).setParameter(2, workspaceId.toString()).getResultList());
        if (rows.isEmpty()) {
            throw new NotFoundException("Ticket");
        }
        Object[] row = rows.get(0);
        return new Hold(ticketId, ((Number) row[0]).longValue(), String.valueOf(row[1]), NativeRows.instant(row[2]), row[3] == null ? null : row[3].toString());
    }

    private static void requireAdmin(AuthenticatedUser admin) {
        if (!admin.may(Role.ADMIN)) {
            throw new PermissionDeniedException("Only admins put tickets under legal hold or lift it");
        }
    }
}
