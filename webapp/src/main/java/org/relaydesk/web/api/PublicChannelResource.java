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
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.relaydesk.api.channel.HttpRequest;
import org.relaydesk.api.channel.HttpResponse;
import org.relaydesk.core.channel.ChannelHttp;
import org.relaydesk.web.security.ClientAddress;
import org.relaydesk.web.security.Public;

/**
 * A channel account's public address: what a web form (or a provider's webhook) sends, passed to
 * the account's plugin. No login; posts count against the public write limit per client address,
 * everything else against the read limit, and a body is read up to {@link #MAX_BODY} bytes.
 */
@Path("/public/channels/{account}/{path: .*}")
@RequestScoped
@Public
@Tag(name = "Customer portal")
public class PublicChannelResource {
    /** A form's files (20 MB at most), base64-encoded, and its text; about what the host stores of one message (30 MB). */
    static final int MAX_BODY = 30 * 1024 * 1024;

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
        limits.writes().acquire(ClientAddress.of(request));
        byte[] content = body.readNBytes(MAX_BODY + 1);
        if (content.length > MAX_BODY) {
            return Response.status(413).type("application/json").entity("{\"message\":\"This is more than the form takes.\"}").build();
        }
        return dispatch("POST", account, path, content);
    }

    private Response dispatch(String method, String account, String path, byte[] body) {
        UUID id = Params.pathId(account, "Channel");
        Map<String, List<String>> query = Map.copyOf(uri.getQueryParameters());
        HttpResponse answer = channels.dispatch(id, new HttpRequest(method, path, headers.getRequestHeaders(), query, body, ClientAddress.of(request)));
        Response.ResponseBuilder response = Response.status(answer.status()).type(answer.contentType()).entity(answer.body());
        answer.headers().forEach(response::header);
        response.header("X-Content-Type-Options", "nosniff");
        return response.build();
    }
}
