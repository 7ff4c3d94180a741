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
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.relaydesk.core.error.InvalidInputException;
import org.relaydesk.core.user.Role;
import org.relaydesk.core.webhook.Webhook;
import org.relaydesk.core.webhook.WebhookAttempt;
import org.relaydesk.core.webhook.WebhookDelivery;
import org.relaydesk.core.webhook.WebhookEvent;
import org.relaydesk.core.webhook.WebhookService;
import org.relaydesk.web.security.CurrentUser;

/**
 * /api/webhooks: the workspace's outbound webhooks, their delivery log, replays and test
 * deliveries, for admins. The secret is shown when made or changed, never again (rotate it when lost).
 */
@Path("/webhooks")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Webhooks")
@SecurityRequirement(name = "bearer")
public class WebhookResource {
    private static final Set<String> STATUSES = Set.of(WebhookDelivery.PENDING, WebhookDelivery.DELIVERED, WebhookDelivery.DEAD);

    @Inject
    WebhookService webhooks;

    @Inject
    CurrentUser currentUser;

    public record WebhookJson(UUID id, String url, String description, List<String> events, JsonObject filter, boolean active,
            Instant createdAt, Instant updatedAt, Instant failingSince, Instant disabledAt, String disabledReason, String secret) {
        static WebhookJson of(Webhook w, String secret) {
            return new WebhookJson(w.id(), w.url(), w.description(), w.events().stream().map(WebhookEvent::apiName).sorted().toList(),
                    w.filter().isEmpty() ? null : w.filter().toJsonObject(), w.active(), w.createdAt(), w.updatedAt(), w.failingSince(),
                    w.disabledAt(), w.disabledReason(), secret);
        }
    }

    public record EventJson(String name, String description) {
    }

    public record WebhookList(List<WebhookJson> webhooks, List<EventJson> events) {
    }

    public record DeliveryJson(UUID id, UUID webhookId, String event, String status, int attempts, Integer lastStatusCode, String lastError,
            Instant nextAttemptAt, Instant createdAt, Instant deliveredAt) {
        static DeliveryJson of(WebhookDelivery d) {
            return new DeliveryJson(d.id(), d.webhookId(), d.event(), d.status(), d.attempts(), d.lastStatusCode(), d.lastError(), d.nextAttemptAt(),
                    d.createdAt(), d.deliveredAt());
        }
    }

    public record DeliveryList(List<DeliveryJson> deliveries) {
    }

    public record AttemptJson(Instant attemptedAt, Integer statusCode, int durationMs, String error, String responseExcerpt) {
        static AttemptJson of(WebhookAttempt a) {
            return new AttemptJson(a.attemptedAt(), a.statusCode(), a.durationMs(), a.error(), a.responseExcerpt());
        }
    }

    /** {@code body}: the request body exactly as sent. */
    public record DeliveryDetailJson(DeliveryJson delivery, String body, List<AttemptJson> attempts) {
    }

    @GET
    public WebhookList list() {
        currentUser.require(Role.ADMIN);
        return new WebhookList(webhooks.list().stream().map(w -> WebhookJson.of(w, null)).toList(),
                Arrays.stream(WebhookEvent.values()).filter(WebhookEvent::subscribable).map(e -> new EventJson(e.apiName(), e.description())).toList());
    }

    @POST
    public Response create(JsonObject json) {
        currentUser.require(Role.ADMIN);
        var made = webhooks.create(WebhookRequest.from(new Body(json), true).input());
        return Response.status(Response.Status.CREATED).entity(WebhookJson.of(made.webhook(), made.secret())).build();
    }

    @GET
    @Path("/{id}")
    public WebhookJson get(@PathParam("id") String id) {
        currentUser.require(Role.ADMIN);
        return WebhookJson.of(webhooks.get(Params.pathId(id, "Webhook")), null);
    }

    @PUT
    @Path("/{id}")
    public WebhookJson update(@PathParam("id") String id, JsonObject json) {
        UUID webhookId = Params.pathId(id, "Webhook");
        currentUser.require(Role.ADMIN);
        var changed = webhooks.update(webhookId, WebhookRequest.from(new Body(json), false).input());
        return WebhookJson.of(changed.webhook(), changed.secret());
    }

    @DELETE
    @Path("/{id}")
    public Response delete(@PathParam("id") String id) {
        UUID webhookId = Params.pathId(id, "Webhook");
        currentUser.require(Role.ADMIN);
        webhooks.delete(webhookId);
        return Response.noContent().build();
    }

    @POST
    @Path("/{id}/rotate-secret")
    public WebhookJson rotateSecret(@PathParam("id") String id) {
        UUID webhookId = Params.pathId(id, "Webhook");
        currentUser.require(Role.ADMIN);
        var rotated = webhooks.rotateSecret(webhookId);
        return WebhookJson.of(rotated.webhook(), rotated.secret());
    }

    /** A "webhook.ping" delivery, queued now and sent within seconds; its outcome is in the log. */
    @POST
    @Path("/{id}/ping")
    public Response ping(@PathParam("id") String id) {
        UUID webhookId = Params.pathId(id, "Webhook");
        currentUser.require(Role.ADMIN);
        return Response.accepted(DeliveryJson.of(webhooks.ping(webhookId))).build();
    }

    @GET
    @Path("/{id}/deliveries")
    public DeliveryList deliveries(@PathParam("id") String id, @QueryParam("status") String status, @QueryParam("limit") String limit) {
        UUID webhookId = Params.pathId(id, "Webhook");
        currentUser.require(Role.ADMIN);
        if (status != null && !STATUSES.contains(status)) {
            throw new InvalidInputException("status", "must be one of pending, delivered, dead");
        }
        int max = Params.intInRange(limit, "limit", 50, 1, 200);
        return new DeliveryList(webhooks.deliveries(webhookId, status, max).stream().map(DeliveryJson::of).toList());
    }

    @GET
    @Path("/{id}/deliveries/{deliveryId}")
    public DeliveryDetailJson delivery(@PathParam("id") String id, @PathParam("deliveryId") String deliveryId) {
        UUID webhookId = Params.pathId(id, "Webhook");
        UUID delivery = Params.pathId(deliveryId, "Delivery");
        currentUser.require(Role.ADMIN);
        var detail = webhooks.delivery(webhookId, delivery);
        return new DeliveryDetailJson(DeliveryJson.of(detail.delivery()), detail.delivery().body(),
                detail.attempts().stream().map(AttemptJson::of).toList());
    }

    /** Sends a delivered or dead delivery again: same id and body, a fresh timestamp and signature. */
    @POST
    @Path("/{id}/deliveries/{deliveryId}/replay")
    public Response replay(@PathParam("id") String id, @PathParam("deliveryId") String deliveryId) {
        UUID webhookId = Params.pathId(id, "Webhook");
        UUID delivery = Params.pathId(deliveryId, "Delivery");
        currentUser.require(Role.ADMIN);
        return Response.accepted(DeliveryJson.of(webhooks.replay(webhookId, delivery))).build();
    }
}
