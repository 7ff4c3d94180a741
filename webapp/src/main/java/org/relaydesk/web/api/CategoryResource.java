package org.relaydesk.web.api;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.transaction.Transactional;
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
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.relaydesk.core.ticket.Category;
import org.relaydesk.core.ticket.CategoryService;
import org.relaydesk.core.user.Role;
import org.relaydesk.web.security.CurrentUser;

/** The category tree. Everyone on staff reads it; admins change it. */
@Path("/tickets/categories")
@RequestScoped
@Transactional
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Categories")
@SecurityRequirement(name = "bearer")
public class CategoryResource {
    @Inject
    CategoryService categories;

    @Inject
    CurrentUser currentUser;

    @Inject
    Workspaces workspaces;

    public record CategoryJson(UUID id, UUID workspaceId, String name, String description, String color, UUID parentId, Instant createdAt) {
        static CategoryJson of(Category c, UUID workspaceId) {
            return new CategoryJson(c.id(), workspaceId, c.name(), c.description(), c.color(), c.parentId(), c.createdAt());
        }
    }

    public record CategoryList(List<CategoryJson> categories) {
    }

    @GET
    public CategoryList list() {
        return new CategoryList(categories.list().stream().map(this::json).toList());
    }

    @GET
    @Path("/{id}")
    public CategoryJson get(@PathParam("id") String id) {
        return json(categories.get(Params.pathId(id, "Category")));
    }

    @POST
    public Response create(JsonObject json) {
        currentUser.require(Role.ADMIN);
        return Response.status(Response.Status.CREATED).entity(json(categories.create(input(new Body(json))))).build();
    }

    @PUT
    @Path("/{id}")
    public CategoryJson update(@PathParam("id") String id, JsonObject json) {
        UUID categoryId = Params.pathId(id, "Category");
        currentUser.require(Role.ADMIN);
        // Partial update: fields left out keep their values; "parent_id": null moves it to the top.
        Body body = new Body(json);
        Category current = categories.get(categoryId);
        return json(categories.update(categoryId, new CategoryService.CategoryInput(
                body.has("name") ? body.string("name") : current.name(),
                body.has("description") ? body.string("description") : current.description(),
                body.has("color") ? body.string("color") : current.color(),
                body.has("parent_id") ? body.id("parent_id") : current.parentId())));
    }

    @DELETE
    @Path("/{id}")
    public Response delete(@PathParam("id") String id) {
        UUID categoryId = Params.pathId(id, "Category");
        currentUser.require(Role.ADMIN);
        categories.delete(categoryId);
        return Response.noContent().build();
    }

    private static CategoryService.CategoryInput input(Body body) {
        return new CategoryService.CategoryInput(body.string("name"), body.string("description"), body.string("color"),
                body.id("parent_id"));
    }

    private CategoryJson json(Category entity) {
        return CategoryJson.of(entity, workspaces.id());
    }
}
