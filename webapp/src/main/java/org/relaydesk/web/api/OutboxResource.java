package org.relaydesk.web.api;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.relaydesk.core.error.InvalidInputException;
import org.relaydesk.core.outbox.OutboxEntry;
import org.relaydesk.core.outbox.OutboxService;
import org.relaydesk.core.user.Role;
import org.relaydesk.web.security.CurrentUser;

/**
 * GET /api/outbox: the side effects waiting to be delivered (emails, webhooks) and those that
 * failed, for admins to see. Payloads stay inside: they may carry customers' addresses and text.
 */
@Path("/outbox")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Outbox")
@SecurityRequirement(name = "bearer")
public class OutboxResource {
    private static final Set<String> STATUSES = Set.of("pending", "sent", "dead");

    @Inject
    OutboxService outbox;

    @Inject
    CurrentUser currentUser;

    public record EntryJson(UUID id, String kind, String status, int attempts, Instant nextAttemptAt, String lastError, Instant createdAt) {
        static EntryJson of(OutboxEntry e) {
            return new EntryJson(e.id(), e.kind(), e.status(), e.attempts(), e.nextAttemptAt(), e.lastError(), e.createdAt());
        }
    }

    public record EntryList(List<EntryJson> entries) {
    }

    @GET
    public EntryList list(@QueryParam("status") String status, @QueryParam("limit") String limit) {
        currentUser.require(Role.ADMIN);
        if (status != null && !STATUSES.contains(status)) {
            throw new InvalidInputException("status", "must be one of pending, sent, dead");
        }
        // A String, parsed here: JAX-RS answers an Integer parameter that is no number with 404.
        int max = Params.intInRange(limit, "limit", 50, 1, 200);
        return new EntryList(outbox.list(status, max).stream().map(EntryJson::of).toList());
    }

    /** A dead entry goes back in line with a fresh count of attempts. */
    @jakarta.ws.rs.POST
    @jakarta.ws.rs.Path("/{id}/replay")
    public EntryJson replay(@jakarta.ws.rs.PathParam("id") String id) {
        currentUser.require(Role.ADMIN);
        return EntryJson.of(outbox.replay(Params.pathId(id, "Outbox entry")));
    }
}
