package org.relaydesk.web.api;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.relaydesk.core.report.Insight;
import org.relaydesk.core.report.Insights;
import org.relaydesk.core.user.Role;
import org.relaydesk.web.security.CurrentUser;

/** /api/insights: predictions with the numbers behind them and their next actions; POST an action's id to carry it out. Supervisors and admins. */
@Path("/insights")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Insights")
@SecurityRequirement(name = "bearer")
public class InsightResource {
    @Inject
    Insights insights;

    @Inject
    CurrentUser currentUser;

    public record ActionJson(String id, String label) {
    }

    public record InsightJson(String key, String kind, String title, String explanation, List<ActionJson> actions) {
        static InsightJson of(Insight i) {
            return new InsightJson(i.key(), i.kind().name().toLowerCase(java.util.Locale.ROOT), i.title(), i.explanation(),
                    i.actions().stream().map(a -> new ActionJson(a.id(), a.label())).toList());
        }
    }

    public record DoneJson(String insight, String label, String by, Instant at) {
    }

    public record InsightList(List<InsightJson> insights, List<DoneJson> done) {
    }

    public record Result(String done) {
    }

    @GET
    public InsightList list() {
        currentUser.require(Role.SUPERVISOR);
        return new InsightList(insights.current().stream().map(InsightJson::of).toList(),
                insights.recentlyDone(20).stream().map(d -> new DoneJson(d.insight(), d.label(), d.userName(), d.at())).toList());
    }

    /** {"action": "<an action's id>"}: carried out as you, checked again first, and recorded. */
    @POST
    @Path("/actions")
    public Result act(JsonObject json) {
        currentUser.require(Role.SUPERVISOR);
        return new Result(insights.act(new Body(json).string("action")));
    }
}
