package org.relaydesk.web.api;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.relaydesk.core.channel.TemplateService;

/** A messaging account's provider templates: the approved ones for agents, all with their review for admins (?all=true), and a sync. */
@Path("/channel-accounts/{accountId}/templates")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Channels")
@SecurityRequirement(name = "bearer")
public class ChannelTemplateResource {
    @Inject
    TemplateService templates;

    public record VariableJson(String key, String label, String example) {
    }

    public record TemplateJson(UUID id, UUID accountId, String name, String language, String category, String approval, String approvalDetail,
            String header, String body, String footer, List<String> buttons, List<VariableJson> variables, Instant syncedAt) {
        static TemplateJson of(TemplateService.Template t) {
            return new TemplateJson(t.id(), t.accountId(), t.name(), t.language(), t.category(), t.approval(), t.approvalDetail(), t.header(),
                    t.body(), t.footer(), t.buttons(), t.variables().stream().map(v -> new VariableJson(v.key(), v.label(), v.example())).toList(),
                    t.syncedAt());
        }
    }

    public record TemplateList(List<TemplateJson> templates) {
    }

    public record SyncJson(int templates, Instant syncedAt, String error) {
    }

    @GET
    public TemplateList list(@PathParam("accountId") String accountId, @QueryParam("all") boolean all) {
        UUID id = Params.pathId(accountId, "Channel account");
        return new TemplateList((all ? templates.all(id) : templates.approved(id)).stream().map(TemplateJson::of).toList());
    }

    @POST
    @Path("/sync")
    public SyncJson sync(@PathParam("accountId") String accountId) {
        TemplateService.Synced synced = templates.syncNow(Params.pathId(accountId, "Channel account"));
        return new SyncJson(synced.templates(), synced.at(), synced.error());
    }
}
