package org.relaydesk.web.api;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Validator;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.relaydesk.core.error.InvalidInputException;
import org.relaydesk.core.error.NotFoundException;
import org.relaydesk.core.kb.ArticleStatus;
import org.relaydesk.core.kb.CategoryInput;
import org.relaydesk.core.kb.KbStore;
import org.relaydesk.core.kb.KnowledgeBaseService;
import org.relaydesk.core.kb.SearchLanguages;
import org.relaydesk.core.kb.Visibility;
import org.relaydesk.web.help.HelpSites;
import org.relaydesk.web.security.ClientAddress;
import org.relaydesk.web.security.Public;

/**
 * The knowledge base over the API. Staff (bearer token) list, write and search every article of
 * their workspace; agents write drafts, supervisors and admins publish (checked in the service).
 * {@code GET /kb/search} is public: published public articles of the workspace named by
 * {@code ?workspace=} (or the only one), for the widget and the help centre.
 */
@Path("/kb")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Knowledge base")
public class KbResource {
    @Inject
    KnowledgeBaseService kb;

    @Inject
    Validator validator;

    @Inject
    HelpSites sites;

    @Inject
    org.relaydesk.web.portal.SignedInCustomer signedIn;

    @Inject
    PublicRateLimits limits;

    @Context
    HttpServletRequest request;

    @GET
    @Path("/articles")
    @SecurityRequirement(name = "bearer")
    public Object list(@QueryParam("q") String q, @QueryParam("status") String status, @QueryParam("visibility") String visibility,
            @QueryParam("lang") String lang, @QueryParam("category_id") String categoryId, @QueryParam("tag") String tag,
            @QueryParam("page") String page, @QueryParam("limit") String limit) {
        int size = Params.intInRange(limit, "limit", 25, 1, 100);
        int number = Params.intInRange(page, "page", 1, 1, 10_000);
        if (q != null && !q.isBlank()) {
            return new KbJson.SearchResult(q.strip(), kb.asStaff(base -> base.search(q, lang, true, size)).stream().map(KbJson.Hit::of).toList());
        }
        KbStore.Filter filter = new KbStore.Filter(
                status == null || status.isBlank() ? null : ArticleStatus.fromApiName(status)
                        .orElseThrow(() -> new InvalidInputException("status", "must be draft or published")),
                visibility == null || visibility.isBlank() ? null : Visibility.fromApiName(visibility)
                        .orElseThrow(() -> new InvalidInputException("visibility", "must be public, customers or internal")),
                lang == null || lang.isBlank() ? null : SearchLanguages.normalise(lang)
                        .orElseThrow(() -> new InvalidInputException("lang", "must be a language code such as en or pt-BR")),
                Params.optionalId(categoryId, "category_id"), tag == null || tag.isBlank() ? null : tag.strip().toLowerCase(java.util.Locale.ROOT),
                null);
        return new KbJson.ArticleList(kb.asStaff(base -> base.list(filter, (number - 1) * size, size)).stream().map(KbJson.Article::of).toList(),
                number, size);
    }

    @POST
    @Path("/articles")
    @SecurityRequirement(name = "bearer")
    public Response create(JsonObject json) {
        var input = KbArticleRequest.from(new Body(json)).validated(validator);
        return Response.status(Response.Status.CREATED).entity(KbJson.Article.of(kb.asStaff(base -> base.create(input)))).build();
    }

    @GET
    @Path("/articles/{id}")
    @SecurityRequirement(name = "bearer")
    public KbJson.Article get(@PathParam("id") String id) {
        UUID articleId = Params.pathId(id, "Article");
        return KbJson.Article.of(kb.asStaff(base -> base.article(articleId)));
    }

    /** Saves a new version; every field is sent (the editor's whole form). */
    @PUT
    @Path("/articles/{id}")
    @SecurityRequirement(name = "bearer")
    public KbJson.Article update(@PathParam("id") String id, JsonObject json) {
        UUID articleId = Params.pathId(id, "Article");
        var input = KbArticleRequest.from(new Body(json)).validated(validator);
        if (input.translationOf() != null) {
            throw new InvalidInputException("translation_of", "is given when a translation is created, not later");
        }
        return KbJson.Article.of(kb.asStaff(base -> base.update(articleId, input)));
    }

    @DELETE
    @Path("/articles/{id}")
    @SecurityRequirement(name = "bearer")
    public Response delete(@PathParam("id") String id) {
        UUID articleId = Params.pathId(id, "Article");
        kb.asStaff(base -> {
            base.delete(articleId);
            return null;
        });
        return Response.noContent().build();
    }

    @GET
    @Path("/articles/{id}/files")
    @SecurityRequirement(name = "bearer")
    public KbJson.FileList files(@PathParam("id") String id) {
        UUID articleId = Params.pathId(id, "Article");
        return new KbJson.FileList(kb.asStaff(base -> base.files(articleId)).stream().map(KbJson.File::of).toList());
    }

    /** Adds a file: {@code {"name": "...", "content_base64": "..."}}, checked like every upload (10 MB, an allowed type). */
    @POST
    @Path("/articles/{id}/files")
    @SecurityRequirement(name = "bearer")
    public Response attach(@PathParam("id") String id, JsonObject json) {
        UUID articleId = Params.pathId(id, "Article");
        Body body = new Body(json);
        String name = body.string("name");
        String encoded = body.string("content_base64");
        if (name == null || name.isBlank() || encoded == null) {
            throw new InvalidInputException("file", "needs a name and content_base64");
        }
        byte[] content;
        try {
            content = java.util.Base64.getDecoder().decode(encoded.strip());
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("content_base64", "is not valid base64");
        }
        return Response.status(Response.Status.CREATED).entity(KbJson.File.of(kb.asStaff(base -> base.attach(articleId, name, content)))).build();
    }

    @GET
    @Path("/articles/{id}/files/{fileId}")
    @Produces(jakarta.ws.rs.core.MediaType.WILDCARD)
    @SecurityRequirement(name = "bearer")
    public Response download(@PathParam("id") String id, @PathParam("fileId") String fileId) {
        UUID articleId = Params.pathId(id, "Article");
        UUID file = Params.pathId(fileId, "File");
        org.relaydesk.core.kb.KbFile.Download download = kb.asStaff(base -> base.download(articleId, file));
        Response.ResponseBuilder response = Response.ok(download.content(), download.file().contentType());
        download.headers().forEach(response::header);
        return response.header("Cache-Control", "private, no-store").build();
    }

    @DELETE
    @Path("/articles/{id}/files/{fileId}")
    @SecurityRequirement(name = "bearer")
    public Response detach(@PathParam("id") String id, @PathParam("fileId") String fileId) {
        UUID articleId = Params.pathId(id, "Article");
        UUID file = Params.pathId(fileId, "File");
        kb.asStaff(base -> {
            base.detach(articleId, file);
            return null;
        });
        return Response.noContent().build();
    }

    @POST
    @Path("/articles/{id}/publish")
    @SecurityRequirement(name = "bearer")
    public KbJson.Article publish(@PathParam("id") String id) {
        UUID articleId = Params.pathId(id, "Article");
        return KbJson.Article.of(kb.asStaff(base -> base.publish(articleId)));
    }

    @POST
    @Path("/articles/{id}/unpublish")
    @SecurityRequirement(name = "bearer")
    public KbJson.Article unpublish(@PathParam("id") String id) {
        UUID articleId = Params.pathId(id, "Article");
        return KbJson.Article.of(kb.asStaff(base -> base.unpublish(articleId)));
    }

    @GET
    @Path("/articles/{id}/versions")
    @SecurityRequirement(name = "bearer")
    public KbJson.VersionList versions(@PathParam("id") String id) {
        UUID articleId = Params.pathId(id, "Article");
        return new KbJson.VersionList(kb.asStaff(base -> base.versions(articleId)).stream().map(KbJson.Version::of).toList());
    }

    @POST
    @Path("/articles/{id}/versions/{number}/revert")
    @SecurityRequirement(name = "bearer")
    public KbJson.Article revert(@PathParam("id") String id, @PathParam("number") String number) {
        UUID articleId = Params.pathId(id, "Article");
        int version;
        try {
            version = Integer.parseInt(number);
        } catch (NumberFormatException e) {
            throw new NotFoundException("Version");
        }
        return KbJson.Article.of(kb.asStaff(base -> base.revert(articleId, version)));
    }

    @GET
    @Path("/categories")
    @SecurityRequirement(name = "bearer")
    public KbJson.CategoryList categories() {
        return new KbJson.CategoryList(kb.asStaff(base -> base.categories()).stream().map(KbJson.Category::of).toList());
    }

    @POST
    @Path("/categories")
    @SecurityRequirement(name = "bearer")
    public Response createCategory(JsonObject json) {
        CategoryInput input = category(new Body(json));
        return Response.status(Response.Status.CREATED).entity(KbJson.Category.of(kb.asStaff(base -> base.createCategory(input)))).build();
    }

    @PUT
    @Path("/categories/{id}")
    @SecurityRequirement(name = "bearer")
    public KbJson.Category updateCategory(@PathParam("id") String id, JsonObject json) {
        UUID categoryId = Params.pathId(id, "Category");
        CategoryInput input = category(new Body(json));
        return KbJson.Category.of(kb.asStaff(base -> base.updateCategory(categoryId, input)));
    }

    @DELETE
    @Path("/categories/{id}")
    @SecurityRequirement(name = "bearer")
    public Response deleteCategory(@PathParam("id") String id) {
        UUID categoryId = Params.pathId(id, "Category");
        kb.asStaff(base -> {
            base.deleteCategory(categoryId);
            return null;
        });
        return Response.noContent().build();
    }

    /**
     * Public: published public articles of a workspace, best first, with highlighted snippets; a portal
     * customer signed in to the workspace also finds the articles for signed-in customers.
     */
    @GET
    @Path("/search")
    @Public
    public KbJson.SearchResult search(@QueryParam("q") String q, @QueryParam("lang") String lang, @QueryParam("workspace") String workspace,
            @QueryParam("limit") String limit) {
        limits.reads().acquire(ClientAddress.of(request));
        int size = Params.intInRange(limit, "limit", 10, 1, 50);
        HelpSites.Site site = sites.resolve(workspace).orElseThrow(() -> new NotFoundException("Help centre"));
        return new KbJson.SearchResult(q == null ? "" : q.strip(),
                kb.asHelpReader(site.workspace().id(), signedIn.of(request), base -> base.search(q, lang, false, size)).stream().map(KbJson.Hit::of)
                        .toList());
    }

    private static CategoryInput category(Body body) {
        Integer position = body.integer("position");
        return new CategoryInput(body.string("name"), body.string("slug"), body.string("description"), Params.optionalId(body.string("parent_id"),
                "parent_id"), position);
    }
}
