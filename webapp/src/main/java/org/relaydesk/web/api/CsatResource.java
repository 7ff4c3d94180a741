package org.relaydesk.web.api;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.relaydesk.core.csat.CsatReport;
import org.relaydesk.core.csat.CsatSurveys;
import org.relaydesk.core.csat.SurveySettings;
import org.relaydesk.core.csat.SurveyWording;
import org.relaydesk.core.error.InvalidInputException;
import org.relaydesk.core.user.Role;
import org.relaydesk.web.security.CurrentUser;

/**
 * /api/csat: the workspace's CSAT figures for a period (supervisors and admins) and the survey's
 * settings with a preview of its wording (admins). Roles are checked again in the services.
 */
@Path("/csat")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "CSAT")
@SecurityRequirement(name = "bearer")
public class CsatResource {
    /** The longest period one summary covers. */
    static final Duration MAX_PERIOD = Duration.ofDays(366 * 3);

    @Inject
    CsatReport report;

    @Inject
    CsatSurveys surveys;

    @Inject
    CurrentUser currentUser;

    /** {@code score}: percent of responses that gave 4 or 5 (null without responses); {@code per_score}: responses giving 1..5. */
    public record SummaryJson(Instant from, Instant to, long responses, long satisfied, Double score, long surveysSent, List<Long> perScore) {
    }

    public record SettingsJson(boolean enabled, int delayMinutes, int expiryDays, List<String> channels, String subject, String body, String question) {
        static SettingsJson of(SurveySettings s) {
            List<String> channels = new java.util.ArrayList<>();
            if (s.sendEmail()) {
                channels.add("email");
            }
            if (s.sendWhatsApp()) {
                channels.add("whatsapp");
            }
            return new SettingsJson(s.enabled(), s.delayMinutes(), s.expiryDays(), channels, s.subject(), s.body(), s.question());
        }
    }

    public record PreviewJson(String subject, String body, String question) {
    }

    /** From (inclusive) and to (exclusive): dates (YYYY-MM-DD, UTC; a date "to" includes that day) or ISO-8601 instants; the last 30 days by default. */
    @GET
    @Path("/summary")
    public SummaryJson summary(@QueryParam("from") String from, @QueryParam("to") String to) {
        currentUser.require(Role.SUPERVISOR);
        Instant end = Params.instant(to, "to", true);
        Instant until = end == null ? Instant.now() : end;
        Instant start = Params.instant(from, "from", false);
        Instant since = start == null ? until.minus(Duration.ofDays(30)) : start;
        if (!since.isBefore(until)) {
            throw new InvalidInputException("from", "must be before to");
        }
        if (Duration.between(since, until).compareTo(MAX_PERIOD) > 0) {
            throw new InvalidInputException("from", "a period is at most three years");
        }
        CsatReport.Summary s = report.summary(since, until);
        List<Long> perScore = java.util.Arrays.stream(s.perScore()).boxed().toList();
        return new SummaryJson(s.from(), s.to(), s.responses(), s.satisfied(), s.score(), s.surveysSent(), perScore);
    }

    @GET
    @Path("/settings")
    public SettingsJson settings() {
        currentUser.require(Role.ADMIN);
        return SettingsJson.of(surveys.settings());
    }

    /** Replaces the settings; a field left out keeps its value. */
    @PUT
    @Path("/settings")
    public SettingsJson save(JsonObject json) {
        currentUser.require(Role.ADMIN);
        return SettingsJson.of(surveys.save(merged(new Body(json), surveys.settings())));
    }

    /** The wording as a customer would read it (a sample ticket), without saving. */
    @POST
    @Path("/settings/preview")
    public PreviewJson preview(JsonObject json) {
        currentUser.require(Role.ADMIN);
        SurveyWording w = surveys.preview(merged(new Body(json), surveys.settings()));
        return new PreviewJson(w.subject(), w.body(), w.question());
    }

    private static SurveySettings merged(Body body, SurveySettings current) {
        boolean email = current.sendEmail();
        boolean whatsApp = current.sendWhatsApp();
        if (body.has("channels")) {
            if (!(body.raw("channels") instanceof jakarta.json.JsonArray list)) {
                throw new InvalidInputException("channels", "must be a list of \"email\" and \"whatsapp\"");
            }
            email = false;
            whatsApp = false;
            for (jakarta.json.JsonValue value : list) {
                String name = value instanceof jakarta.json.JsonString s ? s.getString() : "";
                switch (name) {
                    case "email" -> email = true;
                    case "whatsapp" -> whatsApp = true;
                    default -> throw new InvalidInputException("channels", "must be a list of \"email\" and \"whatsapp\"");
                }
            }
        }
        return new SurveySettings(or(body.bool("enabled"), current.enabled()), or(body.integer("delay_minutes"), current.delayMinutes()),
                or(body.integer("expiry_days"), current.expiryDays()), email, whatsApp,
                body.has("subject") ? body.string("subject") : current.subject(), body.has("body") ? body.string("body") : current.body(),
                body.has("question") ? body.string("question") : current.question());
    }

    private static <T> T or(T value, T fallback) {
        return value == null ? fallback : value;
    }
}
