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
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.relaydesk.core.error.InvalidInputException;
import org.relaydesk.core.plugin.PluginHost;
import org.relaydesk.core.user.Role;
import org.relaydesk.web.security.CurrentUser;

/**
 * The installation's plugins. Admins see them; only the system administrator installs, enables,
 * disables and removes them, because a plugin runs for every workspace of the installation.
 */
@Path("/plugins")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Plugins")
@SecurityRequirement(name = "bearer")
public class PluginResource {
    @Inject
    PluginHost plugins;

    @Inject
    CurrentUser currentUser;

    public record PluginJson(String id, String version, String description, String provider, String requires, boolean enabled, String state,
            Health health, List<String> workflowActions, String sha256) {
        static PluginJson of(PluginHost.PluginInfo p) {
            return new PluginJson(p.id(), p.version(), p.description(), p.provider(), p.requires(), p.enabled(), p.state(),
                    new Health(p.enabled() ? p.health() : "disabled", p.calls(), p.failures(), p.lastError(), p.pausedUntil()), p.actions(), p.sha256());
        }
    }

    /** {@code state}: ok, failing (its last call failed), paused (after repeated failures) or disabled. */
    public record Health(String state, long calls, long failures, String lastError, Instant pausedUntil) {
    }

    public record PluginList(List<PluginJson> plugins) {
    }

    @GET
    public PluginList list() {
        currentUser.require(Role.ADMIN);
        return new PluginList(plugins.list().stream().map(PluginJson::of).toList());
    }

    @GET
    @Path("/{id}")
    public PluginJson get(@PathParam("id") String id) {
        currentUser.require(Role.ADMIN);
        return PluginJson.of(plugins.get(id));
    }

    /** The jar as the request body; a plugin with the same id is replaced. */
    @POST
    @Consumes({"application/java-archive", MediaType.APPLICATION_OCTET_STREAM, "application/zip", "application/x-java-archive"})
    public Response install(InputStream body) throws IOException {
        currentUser.requireSystemAdmin();
        plugins.requireUploadsEnabled(); // before the body is read
        byte[] jar = body.readNBytes(PluginHost.MAX_JAR_BYTES + 1);
        if (jar.length == 0) {
            throw new InvalidInputException("plugin", "the request body must be the plugin's jar");
        }
        return Response.status(Response.Status.CREATED).entity(PluginJson.of(plugins.install(jar))).build();
    }

    /** {"enabled": true|false} */
    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public PluginJson update(@PathParam("id") String id, JsonObject json) {
        String by = currentUser.requireSystemAdmin().email();
        Boolean enabled = new Body(json).bool("enabled");
        if (enabled == null) {
            throw new InvalidInputException("enabled", "is required: true or false");
        }
        return PluginJson.of(plugins.setEnabled(id, enabled, by));
    }

    /** The plugin's own settings: its fields (while it runs), the values that are not secret, and which secrets are set. */
    public record SettingsJson(List<ChannelAccountResource.FieldJson> fields, java.util.Map<String, String> values, java.util.Set<String> secretsSet) {
        static SettingsJson of(PluginHost.PluginSettings s) {
            return new SettingsJson(s.fields().stream().map(ChannelAccountResource.FieldJson::of).toList(), s.values(), s.secretsSet());
        }
    }

    @GET
    @Path("/{id}/settings")
    public SettingsJson settings(@PathParam("id") String id) {
        currentUser.requireSystemAdmin();
        return SettingsJson.of(plugins.settings(id));
    }

    /** {"settings": {"key": "value", ...}}; a secret left out or blank keeps the stored one. */
    @PUT
    @Path("/{id}/settings")
    @Consumes(MediaType.APPLICATION_JSON)
    public SettingsJson saveSettings(@PathParam("id") String id, JsonObject json) {
        String by = currentUser.requireSystemAdmin().email();
        return SettingsJson.of(plugins.saveSettings(id, ChannelAccountResource.settingsOf(json, "settings"), by));
    }

    @DELETE
    @Path("/{id}")
    public Response delete(@PathParam("id") String id) {
        currentUser.requireSystemAdmin();
        plugins.remove(id);
        return Response.noContent().build();
    }
}
