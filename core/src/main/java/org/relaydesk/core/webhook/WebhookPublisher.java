package org.relaydesk.core.webhook;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.relaydesk.core.contact.ContactCreated;
import org.relaydesk.core.contact.ContactsMerged;
import org.relaydesk.core.csat.RatingReceived;
import org.relaydesk.core.kb.ArticlePublished;
import org.relaydesk.core.outbox.OutboxEntry;
import org.relaydesk.core.persistence.Tenancy;
import org.relaydesk.core.text.Jsonp;
import org.relaydesk.core.ticket.Actor;
import org.relaydesk.core.ticket.Ticket;
import org.relaydesk.core.ticket.TicketChanged;

/**
 * Turns domain events into webhook deliveries, in the transaction of the change (so a change that
 * rolls back sends nothing, and one that commits is never lost): for each active webhook of the
 * workspace subscribed to the event whose filter the ticket passes, a delivery with its body as it
 * will be sent, and an outbox entry that has it sent after the commit.
 */
@ApplicationScoped
public class WebhookPublisher {
    static final String OUTBOX_KIND = "webhook";

    @Inject
    Tenancy tenancy;

    @Inject
    WebhookPayloads payloads;

    @Inject
    WebhookSettings settings;

    void onTicketChanged(@Observes TicketChanged change) {
        WebhookEvent.ofTicketAction(change.action()).ifPresent(event -> {
            List<Webhook> hooks = subscribed(event);
            if (hooks.isEmpty()) {
                return;
            }
            Ticket ticket = tenancy.em().find(Ticket.class, change.ticketId());
            Actor actor = new Actor(change.actorType(), change.actorId(), change.actorName());
            JsonObject data = payloads.ticket(ticket, change.ticketId(), change.number(), actor, change.messageId()).build();
            publish(hooks, event, ticket, data);
        });
    }

    /** An SLA target of the ticket turned at risk or breached (the SLA watcher raises each once). */
    public void slaMoment(Ticket ticket, boolean breached, String metric, Instant at, UUID policyId) {
        WebhookEvent event = breached ? WebhookEvent.TICKET_SLA_BREACHED : WebhookEvent.TICKET_SLA_AT_RISK;
        List<Webhook> hooks = subscribed(event);
        if (hooks.isEmpty()) {
            return;
        }
        JsonObjectBuilder data = payloads.ticket(ticket, ticket.id(), ticket.number(), Actor.SYSTEM, null)
                .add("breach_type", metric).add(breached ? "breached_at" : "at_risk_at", at.toString());
        if (policyId != null) {
            data.add("sla_policy_id", policyId.toString());
        }
        publish(hooks, event, ticket, data.build());
    }

    void onContactCreated(@Observes ContactCreated created) {
        List<Webhook> hooks = subscribed(WebhookEvent.CONTACT_CREATED);
        if (!hooks.isEmpty()) {
            publish(hooks, WebhookEvent.CONTACT_CREATED, null, payloads.contact(created.contactId()).build());
        }
    }

    void onContactsMerged(@Observes ContactsMerged merged) {
        List<Webhook> hooks = subscribed(WebhookEvent.CONTACT_MERGED);
        if (!hooks.isEmpty()) {
            JsonObject data = payloads.contact(merged.intoId()).add("merged_contact_id", merged.sourceId().toString())
                    .add("actor", WebhookPayloads.actor(merged.by())).build();
            publish(hooks, WebhookEvent.CONTACT_MERGED, null, data);
        }
    }

    void onRated(@Observes RatingReceived rated) {
        List<Webhook> hooks = subscribed(WebhookEvent.CSAT_RATED);
        if (hooks.isEmpty()) {
            return;
        }
        Ticket ticket = tenancy.em().find(Ticket.class, rated.ticketId());
        JsonObjectBuilder data = payloads.ticket(ticket, rated.ticketId(), ticket == null ? 0 : ticket.number(), null, null);
        payloads.rating(rated.ratingId(), data);
        publish(hooks, WebhookEvent.CSAT_RATED, ticket, data.build());
    }

    void onArticlePublished(@Observes ArticlePublished published) {
        List<Webhook> hooks = subscribed(WebhookEvent.KB_ARTICLE_PUBLISHED);
        if (!hooks.isEmpty()) {
            publish(hooks, WebhookEvent.KB_ARTICLE_PUBLISHED, null, WebhookPayloads.article(published).build());
        }
    }

    /** A test delivery to one webhook, whatever it subscribes to (the admin's "Send test"). */
    WebhookDelivery ping(Webhook webhook, Actor by) {
        JsonObject data = Jsonp.createObjectBuilder().add("webhook_id", webhook.id().toString()).add("url", webhook.url())
                .add("actor", WebhookPayloads.actor(by)).build();
        return queue(webhook, WebhookEvent.PING, data);
    }

    /** The active webhooks of the current workspace subscribed to the event: one small indexed read per event. */
    private List<Webhook> subscribed(WebhookEvent event) {
        // This query flushes the unit of work first (an eighth of an inbound message's filing time). Asking it not to
        // (FlushModeType.COMMIT) was tried and broke starting a chat: entities that hold a new ticket's id as a plain
        // column (chats) were then inserted before the ticket at commit. Keep the flush until those map the relation.
        return tenancy.em().createQuery("SELECT w FROM Webhook w WHERE w.active = true", Webhook.class).getResultList().stream()
                .filter(w -> w.subscribedTo(event)).toList();
    }

    private void publish(List<Webhook> hooks, WebhookEvent event, Ticket ticket, JsonObject data) {
        boolean aboutATicket = event.apiName().startsWith("ticket.") || event == WebhookEvent.CSAT_RATED;
        for (Webhook hook : hooks) {
            // a ticket that is gone (deleted) cannot be matched: only webhooks without a filter hear of it
            boolean passes = ticket != null ? hook.filter().matches(ticket) : !aboutATicket || hook.filter().isEmpty();
            if (passes) {
                queue(hook, event, data);
            }
        }
    }

    private WebhookDelivery queue(Webhook hook, WebhookEvent event, JsonObject data) {
        Instant now = settings.clock().instant();
        WebhookDelivery delivery = new WebhookDelivery(hook.id(), event, "", now);
        String body = Jsonp.createObjectBuilder().add("id", delivery.id().toString()).add("event", event.apiName())
                .add("timestamp", now.toString()).add("workspace_id", tenancy.workspaceId().toString()).add("data", data).build().toString();
        delivery.body(body);
        tenancy.em().persist(delivery);
        queueAttempt(delivery);
        return delivery;
    }

    void queueAttempt(WebhookDelivery delivery) {
        tenancy.em().persist(new OutboxEntry(OUTBOX_KIND, Jsonp.createObjectBuilder().add("delivery_id", delivery.id().toString()).build().toString()));
    }
}
