package org.relaydesk.core.webhook;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.relaydesk.api.ticket.TicketPriority;
import org.relaydesk.core.access.Access;
import org.relaydesk.core.access.RequiresRole;
import org.relaydesk.core.error.ConflictException;
import org.relaydesk.core.error.InvalidInputException;
import org.relaydesk.core.error.NotFoundException;
import org.relaydesk.core.persistence.SecretBox;
import org.relaydesk.core.persistence.Tenancy;
import org.relaydesk.core.team.Team;
import org.relaydesk.core.ticket.Actor;
import org.relaydesk.core.ticket.Category;
import org.relaydesk.core.user.Role;
import org.relaydesk.core.user.Secrets;

/**
 * The workspace's webhooks, for its admins only (checked here, whatever page or endpoint called):
 * subscriptions, their delivery log with each attempt, replays and test deliveries. Another
 * workspace's webhook or delivery is not found.
 */
@ApplicationScoped
public class WebhookService {
    public static final int MAX_WEBHOOKS = 50;
    public static final int MAX_DESCRIPTION = 200;
    static final int MIN_SECRET = 16;
    static final int MAX_SECRET = 200;
    static final int MAX_FILTER_VALUES = 50;

    @Inject
    Tenancy tenancy;

    @Inject
    WebhookPost http;

    @Inject
    WebhookPublisher publisher;

    @Inject
    WebhookSettings settings;

    @Inject
    SecretBox secrets;

    @Inject
    Access access;

    /** A webhook with its secret in clear: only right after it was made or its secret changed. */
    public record WithSecret(Webhook webhook, String secret) {
    }

    /** A delivery with its attempts, oldest first. */
    public record DeliveryDetail(WebhookDelivery delivery, List<WebhookAttempt> attempts) {
    }

    static String secretBinding(UUID webhookId) {
        return "webhook:" + webhookId;
    }

    @Transactional
    @RequiresRole(Role.ADMIN)
    public List<Webhook> list() {
        return tenancy.em().createQuery("SELECT w FROM Webhook w ORDER BY w.createdAt", Webhook.class).getResultList();
    }

    @Transactional
    @RequiresRole(Role.ADMIN)
    public Webhook get(UUID id) {
        return find(id);
    }

    @Transactional
    @RequiresRole(Role.ADMIN)
    public WithSecret create(WebhookInput input) {
        long count = tenancy.em().createQuery("SELECT COUNT(w) FROM Webhook w", Long.class).getSingleResult();
        if (count >= MAX_WEBHOOKS) {
            throw new ConflictException("A workspace has at most " + MAX_WEBHOOKS + " webhooks; delete one first");
        }
        Instant now = settings.clock().instant();
        Webhook webhook = new Webhook(access.current().map(u -> u.id()).orElse(null), now);
        apply(webhook, input, true, now);
        String secret = input.secret() == null || input.secret().isBlank() ? Secrets.newToken("whsec_") : checkedSecret(input.secret());
        webhook.sealedSecret(secrets.seal(secret, secretBinding(webhook.id())));
        if (Boolean.FALSE.equals(input.active())) {
            webhook.switchOff("Switched off by an admin", now);
        }
        tenancy.em().persist(webhook);
        return new WithSecret(webhook, secret);
    }

    /** Fields left null keep their value; switching a webhook on starts its failure count again. */
    @Transactional
    @RequiresRole(Role.ADMIN)
    public WithSecret update(UUID id, WebhookInput input) {
        Webhook webhook = find(id);
        Instant now = settings.clock().instant();
        apply(webhook, input, false, now);
        String secret = null;
        if (input.secret() != null && !input.secret().isBlank()) {
            secret = checkedSecret(input.secret());
            webhook.sealedSecret(secrets.seal(secret, secretBinding(webhook.id())));
        }
        if (Boolean.TRUE.equals(input.active()) && !webhook.active()) {
            webhook.switchOn(now);
        } else if (Boolean.FALSE.equals(input.active()) && webhook.active()) {
            webhook.switchOff("Switched off by an admin", now);
        }
        return new WithSecret(webhook, secret);
    }

    /** A new random secret; the old one stops signing at once. */
    @Transactional
    @RequiresRole(Role.ADMIN)
    public WithSecret rotateSecret(UUID id) {
        Webhook webhook = find(id);
        String secret = Secrets.newToken("whsec_");
        webhook.sealedSecret(secrets.seal(secret, secretBinding(webhook.id())));
        return new WithSecret(webhook, secret);
    }

    @Transactional
    @RequiresRole(Role.ADMIN)
    public void delete(UUID id) {
        tenancy.em().remove(find(id));
    }

    /** Newest first; {@code status} null for all. */
    @Transactional
    @RequiresRole(Role.ADMIN)
    public List<WebhookDelivery> deliveries(UUID webhookId, String status, int limit) {
        find(webhookId);
        String where = status == null ? "" : " AND d.status = :status";
        var query = tenancy.em().createQuery("SELECT d FROM WebhookDelivery d WHERE d.webhookId = :w" + where + " ORDER BY d.createdAt DESC",
                WebhookDelivery.class).setParameter("w", webhookId);
        if (status != null) {
            query.setParameter("status", status);
        }
        return query.setMaxResults(limit).getResultList();
    }

    @Transactional
    @RequiresRole(Role.ADMIN)
    public DeliveryDetail delivery(UUID webhookId, UUID deliveryId) {
        WebhookDelivery delivery = findDelivery(webhookId, deliveryId);
        return new DeliveryDetail(delivery, tenancy.em().createQuery("SELECT a FROM WebhookAttempt a WHERE a.deliveryId = :d ORDER BY a.attemptedAt",
                WebhookAttempt.class).setParameter("d", deliveryId).getResultList());
    }

    /** Sends a delivered or dead delivery again, with the same id and body (a fresh timestamp and signature). */
    @Transactional
    @RequiresRole(Role.ADMIN)
    public WebhookDelivery replay(UUID webhookId, UUID deliveryId) {
        Webhook webhook = find(webhookId);
        WebhookDelivery delivery = findDelivery(webhookId, deliveryId);
        // two replays at once: the second waits here and then finds the delivery pending
        tenancy.em().lock(delivery, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
        tenancy.em().refresh(delivery);
        if (!webhook.active()) {
            throw new ConflictException("The webhook is switched off: switch it on before replaying");
        }
        if (WebhookDelivery.PENDING.equals(delivery.status())) {
            throw new ConflictException("This delivery is still being tried; it can be replayed once delivered or dead");
        }
        delivery.requeued(settings.clock().instant());
        publisher.queueAttempt(delivery);
        return delivery;
    }

    /** A "webhook.ping" delivery, sent like any other and logged. */
    @Transactional
    @RequiresRole(Role.ADMIN)
    public WebhookDelivery ping(UUID webhookId) {
        Webhook webhook = find(webhookId);
        if (!webhook.active()) {
            throw new ConflictException("The webhook is switched off: switch it on to send a test");
        }
        Actor by = access.current().map(Actor::of).orElse(Actor.SYSTEM);
        return publisher.ping(webhook, by);
    }

    private Webhook find(UUID id) {
        Webhook webhook = id == null ? null : tenancy.em().find(Webhook.class, id);
        if (webhook == null) {
            throw new NotFoundException("Webhook");
        }
        return webhook;
    }

    private WebhookDelivery findDelivery(UUID webhookId, UUID deliveryId) {
        find(webhookId);
        WebhookDelivery delivery = deliveryId == null ? null : tenancy.em().find(WebhookDelivery.class, deliveryId);
        if (delivery == null || !delivery.webhookId().equals(webhookId)) {
            throw new NotFoundException("Delivery");
        }
        return delivery;
    }

    private void apply(Webhook webhook, WebhookInput input, boolean creating, Instant now) {
        InvalidInputException.Collector errors = new InvalidInputException.Collector();
        String url = webhook.url();
        if (creating || input.url() != null) {
            try {
                url = http.checkedUrl(input.url());
            } catch (InvalidInputException e) {
                e.fieldErrors().forEach((field, message) -> errors.check(false, field, message));
            }
        }
        String description = input.description() == null ? webhook.description() : input.description().strip();
        errors.check(description == null || description.length() <= MAX_DESCRIPTION, "description", "at most " + MAX_DESCRIPTION + " characters");
        Set<WebhookEvent> events = creating || input.events() != null ? events(input.events(), errors) : webhook.events();
        WebhookFilter filter = input.filter() == null ? webhook.filter() : checkedFilter(input.filter(), errors);
        if (input.secret() != null && !input.secret().isBlank()) {
            errors.check(input.secret().strip().length() >= MIN_SECRET && input.secret().strip().length() <= MAX_SECRET, "secret",
                    "must be " + MIN_SECRET + " to " + MAX_SECRET + " characters (leave it out to have one made)");
        }
        errors.throwIfAny();
        webhook.change(url, description == null || description.isEmpty() ? null : description, events, filter, now);
    }

    private static Set<WebhookEvent> events(Set<String> names, InvalidInputException.Collector errors) {
        Set<WebhookEvent> events = EnumSet.noneOf(WebhookEvent.class);
        if (names == null || names.isEmpty()) {
            errors.check(false, "events", "choose at least one event");
            return events;
        }
        if (names.size() > WebhookEvent.values().length) {
            errors.check(false, "events", "at most " + WebhookEvent.values().length + " events");
            return events;
        }
        for (String name : names) {
            var event = WebhookEvent.byApiName(name == null ? "" : name.strip()).filter(WebhookEvent::subscribable);
            if (event.isEmpty()) {
                errors.check(false, "events", "unknown event \"" + abbreviated(name) + "\"; known: " + String.join(", ", subscribable()));
                return events;
            }
            events.add(event.get());
        }
        return events;
    }

    public static List<String> subscribable() {
        return java.util.Arrays.stream(WebhookEvent.values()).filter(WebhookEvent::subscribable).map(WebhookEvent::apiName).toList();
    }

    private WebhookFilter checkedFilter(WebhookFilter filter, InvalidInputException.Collector errors) {
        int values = filter.priorities().size() + filter.channels().size() + filter.teamIds().size() + filter.categoryIds().size() + filter.tags().size();
        if (values > MAX_FILTER_VALUES) {
            errors.check(false, "filter", "at most " + MAX_FILTER_VALUES + " values in all");
            return filter;
        }
        for (String priority : filter.priorities()) {
            errors.check(TicketPriority.fromApiName(priority).isPresent(), "filter.priorities", "unknown priority \"" + abbreviated(priority) + "\"");
        }
        for (String channel : filter.channels()) {
            errors.check(channel != null && channel.matches("[a-z0-9_.-]{1,40}"), "filter.channels", "a channel is a name such as email or whatsapp");
        }
        for (UUID team : filter.teamIds()) {
            errors.check(tenancy.em().find(Team.class, team) != null, "filter.team_ids", "no team " + team + " in this workspace");
        }
        for (UUID category : filter.categoryIds()) {
            errors.check(tenancy.em().find(Category.class, category) != null, "filter.category_ids", "no category " + category + " in this workspace");
        }
        for (String tag : filter.tags()) {
            errors.check(tag != null && !tag.isBlank() && tag.length() <= 40, "filter.tags", "a tag has 1 to 40 characters");
        }
        if (errors.hasErrors()) {
            return filter;
        }
        // as tickets keep them (lower case), or "VIP" would never match
        try {
            return new WebhookFilter(filter.priorities(), filter.channels(), filter.teamIds(), filter.categoryIds(),
                    org.relaydesk.core.ticket.Tags.normalize(filter.tags()));
        } catch (InvalidInputException e) {
            errors.check(false, "filter.tags", e.fieldErrors().getOrDefault("tags", "is not a valid tag"));
            return filter;
        }
    }

    private static String checkedSecret(String secret) {
        return secret.strip();
    }

    private static String abbreviated(String text) {
        String value = text == null ? "" : text;
        return value.length() > 40 ? value.substring(0, 40) + "…" : value;
    }

    /** "3 days 4 hours", "2 hours 5 minutes", "40 seconds": how long, in words for the log and the owner's email. */
    static String describe(Duration duration) {
        long seconds = Math.max(0, duration.getSeconds());
        long days = seconds / 86_400;
        long hours = seconds % 86_400 / 3_600;
        long minutes = seconds % 3_600 / 60;
        if (days > 0) {
            return days + (days == 1 ? " day" : " days") + (hours > 0 ? " " + hours + (hours == 1 ? " hour" : " hours") : "");
        }
        if (hours > 0) {
            return hours + (hours == 1 ? " hour" : " hours") + (minutes > 0 ? " " + minutes + (minutes == 1 ? " minute" : " minutes") : "");
        }
        return minutes > 0 ? minutes + (minutes == 1 ? " minute" : " minutes") : seconds + (seconds == 1 ? " second" : " seconds");
    }
}
