package org.relaydesk.plugin.webform;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import org.relaydesk.api.channel.ChannelConnector;
import org.relaydesk.api.channel.ChannelException;
import org.relaydesk.api.channel.HttpChannelContext;
import org.relaydesk.api.channel.HttpChannelContext.Filed;
import org.relaydesk.api.channel.HttpChannelContext.TicketField;
import org.relaydesk.api.channel.HttpRequest;
import org.relaydesk.api.channel.HttpResponse;
import org.relaydesk.api.channel.InvalidMessageException;
import org.relaydesk.api.channel.RawMessage;

/**
 * One form's public address: {@code webform.js} (the embeddable form), {@code form} (the hosted
 * page), {@code config} (what the form shows, with a fresh signed timestamp) and {@code submit}.
 * Browsers on other sites may use it only from the origins the administrator allowed.
 */
final class WebFormConnector implements ChannelConnector {
    private static final String SCRIPT = resource("webform.js");
    private static final String PAGE = resource("form.html");
    private final WebFormSettings settings;
    private final SubmissionLimits limits;
    /** Stamps of forms already sent (each stamp, and the work done for it, counts once), shared by the nodes of a cluster. */
    private final StampClaims claims;

    WebFormConnector(WebFormSettings settings) {
        this.settings = settings;
        this.limits = new SubmissionLimits(settings.perHour());
        this.claims = new StampClaims(WebFormPlugin::store);
    }

    /** With the given record of stamps (tests: several nodes sharing one store). */
    WebFormConnector(WebFormSettings settings, StampClaims claims) {
        this.settings = settings;
        this.limits = new SubmissionLimits(settings.perHour());
        this.claims = claims;
    }

    @Override
    public HttpResponse handle(HttpRequest request, HttpChannelContext context) throws ChannelException {
        String origin = request.header("Origin");
        boolean foreign = origin != null && !origin.equalsIgnoreCase(ownOrigin(context)) && !sameHost(origin, request.header("Host"));
        if (foreign && !settings.allowedOrigins().contains(origin.toLowerCase(Locale.ROOT).replaceAll("/+$", ""))) {
            // readable by that site's page (it says no more than the refusal), so its visitors see why there is no form
            return HttpResponse.json(403, error("This form may not be used on " + origin + ".")).withHeader("Access-Control-Allow-Origin", origin)
                    .withHeader("Vary", "Origin");
        }
        HttpResponse response = route(request, context, origin);
        if (foreign) {
            response = response.withHeader("Access-Control-Allow-Origin", origin).withHeader("Vary", "Origin");
        }
        return response;
    }

    private HttpResponse route(HttpRequest request, HttpChannelContext context, String origin) throws ChannelException {
        String path = request.path();
        if (request.is("OPTIONS")) {
            return new HttpResponse(204, "text/plain", null, Map.of("Access-Control-Allow-Methods", "GET, POST",
                    "Access-Control-Allow-Headers", "Content-Type", "Access-Control-Max-Age", "600"));
        }
        if (request.is("GET") && path.equals("webform.js")) {
            return HttpResponse.of(200, "text/javascript; charset=UTF-8", SCRIPT).withHeader("Cache-Control", "public, max-age=300");
        }
        if (request.is("GET") && (path.equals("form") || path.isEmpty())) {
            return HttpResponse.of(200, "text/html; charset=UTF-8", PAGE.replace("{{title}}", escape(settings.title())))
                    .withHeader("Content-Security-Policy", "default-src 'self'; style-src 'self' 'unsafe-inline'; frame-ancestors *")
                    .withHeader("Cache-Control", "no-store");
        }
        if (request.is("GET") && path.equals("config")) {
            return HttpResponse.json(200, config(context).toString()).withHeader("Cache-Control", "no-store");
        }
        if (request.is("POST") && path.equals("submit")) {
            return submit(request, context, origin);
        }
        return HttpResponse.json(404, error("Not found."));
    }

    private JsonObject config(HttpChannelContext context) {
        JsonArrayBuilder fields = Json.PROVIDER.createArrayBuilder();
        for (TicketField field : context.ticketFields()) {
            JsonArrayBuilder options = Json.PROVIDER.createArrayBuilder();
            field.options().forEach(options::add);
            fields.add(Json.builder().add("key", field.key()).add("label", field.label()).add("type", field.type()).add("options", options)
                    .add("required", field.required()));
        }
        return Json.builder().add("title", settings.title()).add("intro", settings.intro()).add("fields", fields)
                .add("stamp", Stamp.issue(context.signingKey(), Instant.now())).add("pow_bits", settings.powBits())
                .add("max_file_mb", settings.maxFileMb()).add("max_files", Submission.MAX_FILES).add("max_total_mb", Submission.MAX_TOTAL_MB).build();
    }

    private HttpResponse submit(HttpRequest request, HttpChannelContext context, String origin) throws ChannelException {
        JsonObject post = Json.object(new String(request.body(), StandardCharsets.UTF_8));
        if (post == null) {
            return HttpResponse.json(400, error("The form could not be read."));
        }
        if (!post.getString("website", "").isEmpty()) {
            return HttpResponse.json(400, error("The form could not be sent.")); // the honeypot: only robots fill in a field nobody sees
        }
        String stamp = post.getString("stamp", null);
        String problem = Stamp.problem(context.signingKey(), stamp, Instant.now(), settings.minSeconds());
        if (problem != null) {
            return HttpResponse.json(400, error(Character.toUpperCase(problem.charAt(0)) + problem.substring(1) + "."));
        }
        if (!Stamp.worked(stamp, post.getString("work", null), settings.powBits())) {
            return HttpResponse.json(400, error("The form's check did not finish; please send it again."));
        }
        RawMessage raw;
        try {
            raw = Submission.check(post, context.ticketFields(), settings, request.clientAddress(), origin);
        } catch (InvalidMessageException e) {
            return invalid(e);
        }
        // checking and taking the stamp in one step: of parallel posts of one stamp, one goes on
        if (!claims.claim(stamp, Instant.now())) {
            return HttpResponse.json(400, error("This form was sent already; reload the page to send another request."));
        }
        String email = post.getString("email").strip().toLowerCase(Locale.ROOT);
        if (!limits.take(Instant.now(), "email:" + email, "address:" + request.clientAddress())) {
            claims.release(stamp); // not sent: the same form may be sent once the hour has passed
            return HttpResponse.json(429, error("You have sent us several requests in the last hour; please wait a little before the next one."))
                    .withHeader("Retry-After", "600");
        }
        Filed filed;
        try {
            filed = context.submit(raw, settings.confirmByEmail());
        } catch (InvalidMessageException e) {
            claims.release(stamp); // not sent: the customer may correct it and send it again
            return invalid(e);
        } catch (ChannelException e) {
            claims.release(stamp);
            return HttpResponse.json(503, error(e.getMessage())); // the host's words for the customer
        } catch (RuntimeException e) {
            claims.release(stamp);
            throw e;
        }
        if (!filed.opened()) {
            return HttpResponse.json(202, Json.builder().add("received", true)
                    .add("message", "We have your message and will answer by email; there is no need to send it again.").build().toString());
        }
        return HttpResponse.json(201, Json.builder().add("ticket_number", filed.ticketNumber()).add("status_url", filed.statusUrl())
                .add("confirmation_email", settings.confirmByEmail()).build().toString());
    }

    private static HttpResponse invalid(InvalidMessageException e) {
        var errors = Json.builder();
        e.errors().forEach(errors::add);
        return HttpResponse.json(400, Json.builder().add("message", "Please check the marked fields.").add("errors", errors).build().toString());
    }

    private static String error(String message) {
        return Json.builder().add("message", message).build().toString();
    }

    private static String ownOrigin(HttpChannelContext context) {
        URI uri = URI.create(context.publicUrl());
        return uri.getScheme() + "://" + uri.getAuthority();
    }

    /** The hosted page, opened at whichever address reaches this desk: its Origin names the Host it was sent to. */
    private static boolean sameHost(String origin, String host) {
        if (host == null) {
            return false;
        }
        try {
            return host.equalsIgnoreCase(URI.create(origin).getAuthority());
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static String resource(String name) {
        try (InputStream in = WebFormConnector.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the plugin");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
