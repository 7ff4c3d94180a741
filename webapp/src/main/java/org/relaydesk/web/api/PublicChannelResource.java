package org.relaydesk.web.api;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.OPTIONS;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.relaydesk.api.channel.HttpRequest;
import org.relaydesk.api.channel.HttpResponse;
import org.relaydesk.core.channel.ChannelHttp;
import org.relaydesk.web.error.Problem;
import org.relaydesk.web.security.ClientAddress;
import org.relaydesk.web.security.Public;

/**
 * A channel account's public address: what a web form (or a provider's webhook) sends, passed to
 * the account's plugin. No login; a form's posts count against the public write limit per client
 * address, a messaging channel's (whose connector proves each sender, e.g. by a signature) only
 * when the connector refuses them ({@link PublicRateLimits#beforeChannelPost}); everything else
 * counts against the read limit.
 * <p>
 * A post's body is held in memory, so before a byte of it is read: an address out of budget is
 * answered 429, a declared length over the channel's limit ({@link ChannelHttp.PostRules#maxBody}:
 * 3 MB for a messaging webhook, 30 MB for a form) 413, and a post beyond the address's or the
 * server's share of bodies in flight 503 ({@link ChannelPostGate}); then at most the limit and one
 * byte are read. Each refusal is problem+json and stores nothing.
 */
@Path("/public/channels/{account}/{path: .*}")
@RequestScoped
@Public
@Tag(name = "Customer portal")
public class PublicChannelResource {
    @Inject
    ChannelHttp channels;

    @Inject
    PublicRateLimits limits;

    @Context
    HttpServletRequest request;

    @Context
    HttpHeaders headers;

    @Context
    UriInfo uri;

    @GET
    public Response get(@PathParam("account") String account, @PathParam("path") String path) {
        limits.reads().acquire(ClientAddress.of(request));
        return dispatch("GET", account, path, new byte[0]);
    }

    @OPTIONS
    public Response options(@PathParam("account") String account, @PathParam("path") String path) {
        limits.reads().acquire(ClientAddress.of(request));
        return dispatch("OPTIONS", account, path, new byte[0]);
    }

    @POST
    public Response post(@PathParam("account") String account, @PathParam("path") String path, InputStream body) throws IOException {
        String address = ClientAddress.of(request);
        UUID id = Params.pathId(account, "Channel");
        Optional<ChannelHttp.PostRules> found = channels.postRules(id);
        if (found.isEmpty()) {
            // answered unread, but counted like a form post: probing for addresses is not free
            limits.writes().acquire(address);
            return response(HttpResponse.json(404, "{\"message\":\"Not found.\"}"));
        }
        ChannelHttp.PostRules rules = found.get();
        limits.beforeChannelPost(address, id, rules.provesSenders());
        long declared = request.getContentLengthLong();
        if (declared > rules.maxBody()) {
            return tooLarge(address, id, rules);
        }
        try (ChannelPostGate.Pass admitted = limits.admitChannelPost(address, id, rules.provesSenders(), declared >= 0 ? declared : rules.maxBody() + 1L)) {
            byte[] content;
            try {
                content = body.readNBytes(rules.maxBody() + 1);
            } catch (IOException gone) {
                // the sender stopped before the length it declared: nothing to take, and the sender's doing
                limits.afterChannelPost(address, id, rules.provesSenders(), 400);
                return Problem.of(400, "Bad Request", "The request body ended before its declared length", null);
            }
            if (content.length > rules.maxBody()) {
                return tooLarge(address, id, rules);
            }
            HttpResponse answer = channels.dispatch(rules, new HttpRequest("POST", path, headers.getRequestHeaders(), Map.copyOf(uri.getQueryParameters()),
                    content, address));
            limits.afterChannelPost(address, id, rules.provesSenders(), answer.status());
            return response(answer);
        }
    }

    private Response tooLarge(String address, UUID account, ChannelHttp.PostRules rules) {
        limits.afterChannelPost(address, account, rules.provesSenders(), 413);
        String detail = "This address takes at most " + rules.maxBody() / (1024 * 1024) + " MB in one request";
        // "message" as well: what a web form's script shows its visitor
        return Problem.typed(413, "content-too-large", detail, Map.of("message", detail));
    }

    private Response dispatch(String method, String account, String path, byte[] body) {
        UUID id = Params.pathId(account, "Channel");
        Map<String, List<String>> query = Map.copyOf(uri.getQueryParameters());
        return response(channels.dispatch(id, new HttpRequest(method, path, headers.getRequestHeaders(), query, body, ClientAddress.of(request))));
    }

    private static Response response(HttpResponse answer) {
        Response.ResponseBuilder response = Response.status(answer.status()).type(answer.contentType()).entity(answer.body());
        answer.headers().forEach(response::header);
        response.header("X-Content-Type-Options", "nosniff");
        return response.build();
    }
}
