package org.relaydesk.core.webhook;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.relaydesk.core.persistence.WorkspaceOwned;

/**
 * A URL subscribed to events. Its secret is sealed at rest (SecretBox, bound to the webhook) and
 * signs every delivery. A webhook that has failed without a success for too long is switched off
 * ({@code active} false, with the moment and the reason) until an admin switches it on again.
 */
@Entity
@Table(name = "webhooks")
public class Webhook extends WorkspaceOwned {
    @Column(nullable = false)
    private String url;

    private String description;

    /** Event names, space-separated. */
    @Column(nullable = false)
    private String events;

    /** {@link WebhookFilter} as JSON; null: every ticket. */
    private String filter;

    @Column(nullable = false)
    private String secret;

    @Column(nullable = false)
    private boolean active = true;

    @Column(name = "created_by")
    private UUID createdBy;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Column(name = "failing_since")
    private Instant failingSince;

    @Column(name = "disabled_at")
    private Instant disabledAt;

    @Column(name = "disabled_reason")
    private String disabledReason;

    protected Webhook() {
    }

    Webhook(UUID createdBy, Instant now) {
        this.createdBy = createdBy;
        this.createdAt = now;
        this.updatedAt = now;
    }

    void change(String url, String description, Set<WebhookEvent> events, WebhookFilter filter, Instant now) {
        this.url = url;
        this.description = description;
        this.events = events.stream().map(WebhookEvent::apiName).sorted().collect(Collectors.joining(" "));
        this.filter = filter == null || filter.isEmpty() ? null : filter.toJson();
        this.updatedAt = now;
    }

    void sealedSecret(String sealed) {
        this.secret = sealed;
    }

    /** Switched on by an admin: the failure count starts again. */
    void switchOn(Instant now) {
        active = true;
        failingSince = null;
        disabledAt = null;
        disabledReason = null;
        updatedAt = now;
    }

    void switchOff(String reason, Instant now) {
        active = false;
        disabledAt = now;
        disabledReason = reason;
        updatedAt = now;
    }

    void succeeded() {
        failingSince = null;
    }

    void failedAt(Instant now) {
        if (failingSince == null) {
            failingSince = now;
        }
    }

    public boolean subscribedTo(WebhookEvent event) {
        return event == WebhookEvent.PING || events().contains(event);
    }

    public String url() {
        return url;
    }

    public String description() {
        return description;
    }

    public Set<WebhookEvent> events() {
        return Arrays.stream(events.split(" ")).map(WebhookEvent::byApiName).flatMap(java.util.Optional::stream)
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    public WebhookFilter filter() {
        return filter == null ? WebhookFilter.NONE : WebhookFilter.fromJson(filter);
    }

    String sealedSecret() {
        return secret;
    }

    public boolean active() {
        return active;
    }

    public UUID createdBy() {
        return createdBy;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    public Instant failingSince() {
        return failingSince;
    }

    public Instant disabledAt() {
        return disabledAt;
    }

    public String disabledReason() {
        return disabledReason;
    }
}
