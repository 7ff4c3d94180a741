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
import jakarta.ws.rs.core.MediaType;
import java.math.BigDecimal;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.relaydesk.core.assist.AssistService;
import org.relaydesk.core.assist.AssistSettings;
import org.relaydesk.core.error.InvalidInputException;

/**
 * The workspace's assistant: its settings (agents read them, admins change them), the feedback its
 * suggestions got per feature, and learning the workspace again now (admins; the service checks).
 */
@Path("/assist")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Assist")
public class AssistResource {
    @Inject
    AssistService assist;

    public record SettingsJson(BigDecimal applyAbove, boolean escalateFrustrated, boolean widgetAnswers, boolean available) {
    }

    public record LearntJson(String learnt) {
    }

    public record FeedbackJson(Map<String, Map<String, Long>> features) {
    }

    @POST
    @Path("/retrain")
    public LearntJson retrain() {
        return new LearntJson(assist.retrain());
    }

    @GET
    @Path("/settings")
    public SettingsJson settings() {
        AssistSettings s = assist.settings();
        return new SettingsJson(s.applyAbove(), s.escalateFrustrated(), s.widgetAnswers(), assist.available());
    }

    @PUT
    @Path("/settings")
    public SettingsJson saveSettings(JsonObject json) {
        Body body = new Body(json);
        BigDecimal applyAbove = null;
        if (body.has("apply_above") && body.raw("apply_above").getValueType() != jakarta.json.JsonValue.ValueType.NULL) {
            if (!(body.raw("apply_above") instanceof jakarta.json.JsonNumber number)) {
                throw new InvalidInputException("apply_above", "must be a number between 0.5 and 1, or null to only suggest");
            }
            applyAbove = number.bigDecimalValue();
        }
        Boolean escalate = body.bool("escalate_frustrated");
        Boolean widget = body.bool("widget_answers");
        AssistSettings saved = assist.saveSettings(new AssistSettings(applyAbove, escalate == null || escalate, widget == null || widget));
        return new SettingsJson(saved.applyAbove(), saved.escalateFrustrated(), saved.widgetAnswers(), assist.available());
    }

    @GET
    @Path("/feedback")
    public FeedbackJson feedback() {
        return new FeedbackJson(assist.feedback());
    }

}
