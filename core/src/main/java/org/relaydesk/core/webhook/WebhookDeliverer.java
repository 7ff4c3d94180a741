package org.relaydesk.core.webhook;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.relaydesk.core.job.OwnTransaction;
import org.relaydesk.core.outbox.OutboxDeliverer;
import org.relaydesk.core.outbox.OutboxEntry;
import org.relaydesk.core.persistence.SecretBox;
import org.relaydesk.core.persistence.Tenancy;

/**
 * Sends one webhook delivery: signed with the webhook's secret and a fresh timestamp, POSTed once.
 * A 2xx answer delivers it; anything else is a failed attempt, written to the delivery log in a
 * transaction of its own (the outbox rolls the attempt's transaction back), retried after the
 * operator's pauses (28 h 42 min in all by default) and then dead. A webhook that has failed
 * without one success for longer than the operator allows is switched off and its owner told.
 */
@ApplicationScoped
public class WebhookDeliverer implements OutboxDeliverer {
    @Inject
    Tenancy tenancy;

    @Inject
    WebhookPost http;

    @Inject
    WebhookSettings settings;

    @Inject
    SecretBox secrets;

    @Inject
    OwnTransaction own;

    @Override
    public String kind() {
        return WebhookPublisher.OUTBOX_KIND;
    }

    @Override
    public Lane lane() {
        return Lane.WEBHOOKS;
    }

    @Override
    public Optional<Duration> pauseAfter(int failedAttempts) {
        return settings.pauseAfter(failedAttempts);
    }

    /** However the last attempt failed (also before the answer was logged), the delivery is dead too, so it can be replayed. */
    @Override
    public void onDead(OutboxEntry entry) {
        WebhookDelivery delivery = tenancy.em().find(WebhookDelivery.class, UUID.fromString(entry.payloadObject().getString("delivery_id")));
        if (delivery != null && WebhookDelivery.PENDING.equals(delivery.status())) {
            delivery.dead(entry.lastError());
        }
    }

    @Override
    public void deliver(OutboxEntry entry) throws DeliveryFailed {
        UUID deliveryId = UUID.fromString(entry.payloadObject().getString("delivery_id"));
        WebhookDelivery delivery = tenancy.em().find(WebhookDelivery.class, deliveryId);
        if (delivery == null || !WebhookDelivery.PENDING.equals(delivery.status())) {
            return; // its webhook was deleted, or a replay already delivered it
        }
        Webhook webhook = tenancy.em().find(Webhook.class, delivery.webhookId());
        if (webhook == null) {
            return;
        }
        if (!webhook.active()) {
            delivery.dead("The webhook is switched off; replay the delivery once it is on again");
            return;
        }
        if (webhook.url().regionMatches(true, 0, "http:", 0, 5) && !settings.allowPrivateNetworks()) {
            delivery.dead("Plain http is no longer allowed by the operator; change the URL to https and replay");
            return;
        }
        long timestamp = settings.clock().instant().getEpochSecond();
        String secret = secrets.open(webhook.sealedSecret(), WebhookService.secretBinding(webhook.id()));
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(WebhookSignature.ID_HEADER, delivery.id().toString());
        headers.put(WebhookSignature.TIMESTAMP_HEADER, Long.toString(timestamp));
        headers.put(WebhookSignature.SIGNATURE_HEADER, WebhookSignature.sign(secret, timestamp, delivery.body()));
        headers.put(WebhookSignature.EVENT_HEADER, delivery.event());
        Instant attemptedAt = settings.clock().instant();
        WebhookPost.Outcome outcome = http.post(webhook.url(), delivery.body(), headers);
        if (outcome.succeeded()) {
            tenancy.em().persist(new WebhookAttempt(delivery.id(), attemptedAt, outcome));
            delivery.delivered(outcome.statusCode(), settings.clock().instant());
            webhook.succeeded();
            // written now, not at commit: a webhook deleted while this delivery was on its way takes the delivery with it, and the
            // attempt's reference then fails here, as an error of this entry that the lane records, not as a failed commit that the
            // container's transaction interceptor cannot roll back cleanly (which failed the lane's whole run)
            tenancy.em().flush();
            return;
        }
        Optional<Duration> pause = settings.pauseAfter(entry.attempts() + 1);
        own.run(() -> recordFailure(deliveryId, attemptedAt, outcome, pause));
        throw new DeliveryFailed(outcome.failure(), false);
    }

    /** In a transaction of its own: the log, the delivery's state, and the webhook's health. */
    private void recordFailure(UUID deliveryId, Instant attemptedAt, WebhookPost.Outcome outcome, Optional<Duration> pause) {
        WebhookDelivery delivery = tenancy.em().find(WebhookDelivery.class, deliveryId);
        if (delivery == null) {
            return;
        }
        Instant now = settings.clock().instant();
        tenancy.em().persist(new WebhookAttempt(deliveryId, attemptedAt, outcome));
        delivery.failed(outcome.statusCode(), outcome.failure(), pause.map(now::plus).orElse(null));
        tenancy.em().flush(); // as above: a delivery deleted meanwhile fails here, not at commit
        Webhook webhook = tenancy.em().find(Webhook.class, delivery.webhookId(), jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
        if (webhook == null || !webhook.active()) {
            return;
        }
        webhook.failedAt(attemptedAt);
        Duration allowed = settings.switchOffAfter();
        if (!webhook.failingSince().plus(allowed).isAfter(now)) {
            String reason = "Switched off after failing for " + WebhookService.describe(Duration.between(webhook.failingSince(), now))
                    + " without a single success; last error: " + outcome.failure();
            webhook.switchOff(WebhookAttempt.clip(reason, 500), now);
            WebhookOwnerNotice.queue(tenancy, webhook);
        }
    }
}
