package org.relaydesk.web.api;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.relaydesk.core.audit.AuditLog;
import org.relaydesk.core.error.InvalidInputException;
import org.relaydesk.core.user.Role;
import org.relaydesk.web.security.CurrentUser;

/** The workspace's audit log (admins): search it, export it as CSV, check that its chain is intact. */
@Path("/audit")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Security")
@SecurityRequirement(name = "bearer")
public class AuditResource {
    @Inject
    AuditLog log;

    @Inject
    CurrentUser currentUser;

    @Inject
    org.relaydesk.core.user.policy.SecurityPolicy policy;

    public record EntryList(List<AuditLog.Entry> entries, Long nextBefore) {
    }

    /**
     * Newest first. {@code action} (e.g. user.role_changed), {@code actor} (part of a name or address),
     * {@code from} and {@code to} (dates or timestamps), {@code limit} (1–200, 50), {@code before}: the
     * {@code next_before} of the previous page.
     */
    @GET
    public EntryList search(@QueryParam("action") String action, @QueryParam("actor") String actor, @QueryParam("from") String from,
            @QueryParam("to") String to, @QueryParam("before") String before, @QueryParam("limit") String limit) {
        currentUser.require(Role.ADMIN);
        int size = Params.intInRange(limit, "limit", 50, 1, AuditLog.MAX_PAGE);
        List<AuditLog.Entry> entries = log.search(currentUser.get(), filter(action, actor, from, to, before, size));
        return new EntryList(entries, entries.size() == size ? entries.get(entries.size() - 1).seq() : null);
    }

    /** The same search as CSV (RFC 4180, UTF-8), every page of it; the export is itself recorded. */
    @GET
    @Path("/export")
    @Produces({"text/csv", MediaType.APPLICATION_JSON})
    public Response export(@QueryParam("action") String action, @QueryParam("actor") String actor, @QueryParam("from") String from,
            @QueryParam("to") String to) {
        currentUser.require(Role.ADMIN);
        String csv = log.exportCsv(currentUser.get(), filter(action, actor, from, to, null, AuditLog.MAX_PAGE));
        return Response.ok(csv, "text/csv; charset=UTF-8").header("Content-Disposition", "attachment; filename=\"audit-log.csv\"")
                .header("Cache-Control", "private, no-store").build();
    }

    /** Recomputes the chain: {@code intact}, how many entries were checked, and where it breaks when it does. */
    @GET
    @Path("/verify")
    public AuditLog.Verification verify() {
        currentUser.require(Role.ADMIN);
        return log.verify(currentUser.get());
    }

    public record RetentionJson(int days) {
    }

    @GET
    @Path("/retention")
    public RetentionJson retention() {
        currentUser.require(Role.ADMIN);
        return new RetentionJson(policy.auditRetentionDays(currentUser.get().workspaceId()));
    }

    /** {@code days}: how long entries are kept, 30 to 3,650 (older ones are deleted hourly). */
    @jakarta.ws.rs.PUT
    @Path("/retention")
    @jakarta.ws.rs.Consumes(MediaType.APPLICATION_JSON)
    public RetentionJson changeRetention(jakarta.json.JsonObject json) {
        Integer days = new Body(json).integer("days");
        if (days == null) {
            throw new InvalidInputException("days", "is required (30 to 3650)");
        }
        return new RetentionJson(policy.changeAuditRetention(currentUser.get(), days));
    }

    private static AuditLog.Filter filter(String action, String actor, String from, String to, String before, int limit) {
        Long beforeSeq = null;
        if (before != null && !before.isBlank()) {
            try {
                beforeSeq = Long.parseLong(before.trim());
            } catch (NumberFormatException e) {
                throw new InvalidInputException("before", "must be the next_before of a previous page");
            }
        }
        return AuditLog.Filter.of(action, actor, Params.instant(from, "from", false), Params.instant(to, "to", true), beforeSeq, limit);
    }
}
