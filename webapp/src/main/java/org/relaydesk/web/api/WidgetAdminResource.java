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
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.relaydesk.core.widget.Widget;
import org.relaydesk.core.widget.WidgetService;
import org.relaydesk.core.widget.WidgetSettings;

/** Admins' widgets (the service checks the role): the same settings as /admin/widget. */
@Path("/widgets")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Widget")
public class WidgetAdminResource {
    @Inject
    WidgetService widgets;

    public record WidgetJson(UUID id, String name, String siteKey, List<String> allowedOrigins, boolean active, String primaryColor, String position,
            String launcherIcon, String greeting, String language, boolean showHelp, boolean showContact, UUID businessCalendarId, UUID chatTeamId,
            Instant createdAt, Instant updatedAt) {
        static WidgetJson of(Widget w) {
            return new WidgetJson(w.id(), w.name(), w.siteKey(), List.of(w.allowedOriginsText().split("\n")), w.active(), w.primaryColor(), w.position(),
                    w.launcherIcon(), w.greeting(), w.language(), w.showHelp(), w.showContact(), w.businessCalendarId(), w.chatTeamId(), w.createdAt(),
                    w.updatedAt());
        }
    }

    public record WidgetList(List<WidgetJson> data) {
    }

    @GET
    public WidgetList list() {
        return new WidgetList(widgets.list().stream().map(WidgetJson::of).toList());
    }

    @GET
    @Path("/{id}")
    public WidgetJson get(@PathParam("id") String id) {
        return WidgetJson.of(widgets.get(Params.pathId(id, "Widget")));
    }

    @POST
    public Response create(JsonObject json) {
        return Response.status(Response.Status.CREATED).entity(WidgetJson.of(widgets.create(settings(new Body(json))))).build();
    }

    /** The whole set of settings, as when creating (fields left out take their defaults). */
    @PUT
    @Path("/{id}")
    public WidgetJson update(@PathParam("id") String id, JsonObject json) {
        return WidgetJson.of(widgets.update(Params.pathId(id, "Widget"), settings(new Body(json))));
    }

    public record SecretJson(String identitySecret) {
    }

    /** The key the site's server signs its users' identity with (made on first use). */
    @GET
    @Path("/{id}/identity-secret")
    public SecretJson identitySecret(@PathParam("id") String id) {
        return new SecretJson(widgets.identitySecret(Params.pathId(id, "Widget")));
    }

    /** A new key; identities signed with the old one are refused from now on. */
    @POST
    @Path("/{id}/identity-secret")
    public SecretJson rotateIdentitySecret(@PathParam("id") String id) {
        return new SecretJson(widgets.rotateIdentitySecret(Params.pathId(id, "Widget")));
    }

    @DELETE
    @Path("/{id}")
    public Response delete(@PathParam("id") String id) {
        widgets.delete(Params.pathId(id, "Widget"));
        return Response.noContent().build();
    }

    private static WidgetSettings settings(Body body) {
        List<String> origins = body.strings("allowed_origins") == null ? List.of() : List.copyOf(body.strings("allowed_origins"));
        return WidgetSettings.of(body.string("name"), String.join("\n", origins), body.bool("active"), body.string("primary_color"),
                body.string("position"), body.string("launcher_icon"), body.string("greeting"), body.string("language"), body.bool("show_help"),
                body.bool("show_contact"), body.has("business_calendar_id") ? body.id("business_calendar_id") : null,
                body.has("chat_team_id") ? body.id("chat_team_id") : null);
    }
}
