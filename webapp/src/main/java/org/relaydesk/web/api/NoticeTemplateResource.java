package org.relaydesk.web.api;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.relaydesk.core.error.NotFoundException;
import org.relaydesk.core.notice.NoticeKind;
import org.relaydesk.core.notice.NoticeTemplates;
import org.relaydesk.core.notice.NoticeText;
import org.relaydesk.core.user.Role;
import org.relaydesk.web.security.CurrentUser;

/**
 * The workspace's wording of the notices it sends (customer replies by email, "we have your
 * request", agent notices): admins read, change, preview and reset them. The service checks the role too.
 */
@Path("/notice-templates")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Notice templates")
@SecurityRequirement(name = "bearer")
public class NoticeTemplateResource {
    @Inject
    NoticeTemplates templates;

    @Inject
    CurrentUser currentUser;

    /** {@code custom}: the workspace changed it (reset brings the default back); {@code variables} the ones it may use. */
    public record TemplateJson(String key, String title, String purpose, String subject, String body, boolean custom, List<String> variables,
            String defaultSubject, String defaultBody) {
        static TemplateJson of(NoticeTemplates.Template t) {
            return new TemplateJson(t.kind().key(), t.kind().title(), t.kind().purpose(), t.subject(), t.body(), t.custom(), t.kind().variables(),
                    t.kind().defaultSubject(), t.kind().defaultBody());
        }
    }

    public record TemplateList(List<TemplateJson> templates) {
    }

    public record PreviewJson(String subject, String body) {
    }

    @GET
    public TemplateList list() {
        currentUser.require(Role.ADMIN);
        return new TemplateList(templates.list().stream().map(TemplateJson::of).toList());
    }

    @GET
    @Path("/{key}")
    public TemplateJson get(@PathParam("key") String key) {
        currentUser.require(Role.ADMIN);
        return TemplateJson.of(templates.get(kind(key)));
    }

    @PUT
    @Path("/{key}")
    public TemplateJson save(@PathParam("key") String key, JsonObject json) {
        currentUser.require(Role.ADMIN);
        Body body = new Body(json);
        return TemplateJson.of(templates.save(kind(key), body.string("subject"), body.string("body")));
    }

    @DELETE
    @Path("/{key}")
    public TemplateJson reset(@PathParam("key") String key) {
        currentUser.require(Role.ADMIN);
        return TemplateJson.of(templates.reset(kind(key)));
    }

    @POST
    @Path("/{key}/preview")
    public PreviewJson preview(@PathParam("key") String key, JsonObject json) {
        currentUser.require(Role.ADMIN);
        Body body = new Body(json);
        NoticeText shown = templates.preview(kind(key), body.string("subject"), body.string("body"));
        return new PreviewJson(shown.subject(), shown.body());
    }

    private static NoticeKind kind(String key) {
        return NoticeKind.of(key).orElseThrow(() -> new NotFoundException("Notice template"));
    }
}
