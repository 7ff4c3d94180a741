package org.relaydesk.web.panel.admin;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.relaydesk.api.ticket.TicketPriority;
import org.relaydesk.core.team.Team;
import org.relaydesk.core.team.TeamService;
import org.relaydesk.core.webhook.Webhook;
import org.relaydesk.core.webhook.WebhookDelivery;
import org.relaydesk.core.webhook.WebhookEvent;
import org.relaydesk.core.webhook.WebhookFilter;
import org.relaydesk.core.webhook.WebhookInput;
import org.relaydesk.core.webhook.WebhookService;
import org.relaydesk.web.panel.PanelActions;

/**
 * /admin/webhooks: the workspace's webhooks (URL, events, filter, on/off), a secret shown once when
 * made or rotated, a test delivery, and each webhook's delivery log with the attempts and replay.
 */
@Named
@ViewScoped
public class AdminWebhooksView implements Serializable {
    private static final long serialVersionUID = 1L;

    @Inject
    WebhookService webhooks;

    @Inject
    TeamService teams;

    private List<Webhook> list;
    private String editingId;
    private String url;
    private String description;
    // mutable: Faces fills a select-many's list in place
    private List<String> events = new ArrayList<>(List.of(WebhookEvent.TICKET_CREATED.apiName()));
    private List<String> priorities = new ArrayList<>();
    private List<String> teamIds = new ArrayList<>();
    /** Set through the API only; kept as it is when the page saves. */
    private Set<UUID> categoryIds = Set.of();
    private String channels;
    private String tags;
    private boolean active = true;
    /** The secret just made: shown until the page is left. */
    private String shownSecret;
    private String logWebhookId;
    private List<WebhookDelivery> log;
    private WebhookService.DeliveryDetail detail;

    public List<Webhook> getWebhooks() {
        if (list == null) {
            list = webhooks.list();
        }
        return list;
    }

    public List<WebhookEvent> getEventChoices() {
        return Arrays.stream(WebhookEvent.values()).filter(WebhookEvent::subscribable).toList();
    }

    public List<String> getPriorityChoices() {
        return Arrays.stream(TicketPriority.values()).map(TicketPriority::apiName).toList();
    }

    public List<Team> getTeamChoices() {
        return teams.teams();
    }

    public String eventsOf(Webhook webhook) {
        return webhook.events().stream().map(WebhookEvent::apiName).sorted().collect(Collectors.joining(", "));
    }

    public String filterOf(Webhook webhook) {
        WebhookFilter filter = webhook.filter();
        if (filter.isEmpty()) {
            return "Every ticket";
        }
        return filter.lists().entrySet().stream().map(e -> e.getKey().replace("_ids", "s").replace('_', ' ') + ": " + describeValues(e.getKey(), e.getValue()))
                .collect(Collectors.joining("; "));
    }

    private String describeValues(String list, java.util.Collection<String> values) {
        if (!list.equals("team_ids")) {
            return String.join(", ", values);
        }
        return values.stream().map(id -> getTeamChoices().stream().filter(t -> t.id().toString().equals(id)).map(Team::name).findFirst().orElse(id))
                .collect(Collectors.joining(", "));
    }

    public void startNew() {
        editingId = null;
        url = null;
        description = null;
        events = new ArrayList<>(List.of(WebhookEvent.TICKET_CREATED.apiName()));
        priorities = new ArrayList<>();
        teamIds = new ArrayList<>();
        categoryIds = Set.of();
        channels = null;
        tags = null;
        active = true;
    }

    public void edit(Webhook webhook) {
        editingId = webhook.id().toString();
        url = webhook.url();
        description = webhook.description();
        events = new ArrayList<>(webhook.events().stream().map(WebhookEvent::apiName).toList());
        WebhookFilter filter = webhook.filter();
        priorities = new ArrayList<>(filter.priorities());
        teamIds = new ArrayList<>(filter.teamIds().stream().map(UUID::toString).toList());
        categoryIds = Set.copyOf(filter.categoryIds());
        channels = String.join(", ", new java.util.TreeSet<>(filter.channels()));
        tags = String.join(", ", new java.util.TreeSet<>(filter.tags()));
        active = webhook.active();
        shownSecret = null;
    }

    public void save() {
        WebhookFilter filter = new WebhookFilter(Set.copyOf(priorities), words(channels), teamIds.stream().map(UUID::fromString).collect(Collectors.toSet()),
                categoryIds, words(tags));
        WebhookInput input = new WebhookInput(url, description == null ? "" : description, new LinkedHashSet<>(events), filter, active, null);
        if (editingId == null) {
            boolean made = PanelActions.attempt(() -> shownSecret = webhooks.create(input).secret(),
                    "Webhook added. Copy its signing secret now: it is not shown again.");
            if (made) {
                startNew();
                list = null;
            }
        } else if (PanelActions.attempt(() -> webhooks.update(UUID.fromString(editingId), input), "Webhook saved")) {
            startNew();
            list = null;
        }
    }

    public void rotate(Webhook webhook) {
        PanelActions.attempt(() -> shownSecret = webhooks.rotateSecret(webhook.id()).secret(),
                "A new signing secret was made; the old one no longer signs. Copy it now: it is not shown again.");
    }

    public void ping(Webhook webhook) {
        if (PanelActions.attempt(() -> webhooks.ping(webhook.id()), "A test delivery (webhook.ping) is on its way; its answer appears in the log below")) {
            showLog(webhook);
        }
    }

    public void delete(Webhook webhook) {
        if (PanelActions.attempt(() -> webhooks.delete(webhook.id()), "Webhook to " + webhook.url() + " deleted")) {
            list = null;
            if (webhook.id().toString().equals(logWebhookId)) {
                closeLog();
            }
        }
    }

    public void showLog(Webhook webhook) {
        logWebhookId = webhook.id().toString();
        detail = null;
        refreshLog();
    }

    public void refreshLog() {
        if (logWebhookId != null) {
            log = null;
            PanelActions.attempt(() -> log = webhooks.deliveries(UUID.fromString(logWebhookId), null, 50), null);
            list = null;
        }
    }

    public void closeLog() {
        logWebhookId = null;
        log = null;
        detail = null;
    }

    public void showDetail(WebhookDelivery delivery) {
        PanelActions.attempt(() -> detail = webhooks.delivery(delivery.webhookId(), delivery.id()), null);
    }

    public void replay(WebhookDelivery delivery) {
        if (PanelActions.attempt(() -> webhooks.replay(delivery.webhookId(), delivery.id()), "Delivery queued again")) {
            refreshLog();
        }
    }

    public boolean canReplay(WebhookDelivery delivery) {
        return !WebhookDelivery.PENDING.equals(delivery.status());
    }

    public String getLogTitle() {
        return getWebhooks().stream().filter(w -> w.id().toString().equals(logWebhookId)).map(Webhook::url).findFirst().orElse("");
    }

    private static Set<String> words(String text) {
        if (text == null || text.isBlank()) {
            return Set.of();
        }
        return Arrays.stream(text.split(",")).map(String::strip).filter(s -> !s.isEmpty()).collect(Collectors.toSet());
    }

    public boolean isEditing() {
        return editingId != null;
    }

    public String getEditingId() {
        return editingId;
    }

    public void setEditingId(String editingId) {
        this.editingId = editingId == null || editingId.isBlank() ? null : editingId;
    }

    public String getUrl() {
        return url;
    }

    public void setUrl(String url) {
        this.url = url;
    }

    public String getDescription() {
        return description;
    }

    public void setDescription(String description) {
        this.description = description;
    }

    public List<String> getEvents() {
        return events;
    }

    public void setEvents(List<String> events) {
        this.events = events == null ? new ArrayList<>() : new ArrayList<>(events);
    }

    public List<String> getPriorities() {
        return priorities;
    }

    public void setPriorities(List<String> priorities) {
        this.priorities = priorities == null ? new ArrayList<>() : new ArrayList<>(priorities);
    }

    public List<String> getTeamIds() {
        return teamIds;
    }

    public void setTeamIds(List<String> teamIds) {
        this.teamIds = teamIds == null ? new ArrayList<>() : new ArrayList<>(teamIds);
    }

    public String getChannels() {
        return channels;
    }

    public void setChannels(String channels) {
        this.channels = channels;
    }

    public String getTags() {
        return tags;
    }

    public void setTags(String tags) {
        this.tags = tags;
    }

    public boolean isActive() {
        return active;
    }

    public void setActive(boolean active) {
        this.active = active;
    }

    public String getShownSecret() {
        return shownSecret;
    }

    public String getLogWebhookId() {
        return logWebhookId;
    }

    public List<WebhookDelivery> getLog() {
        return log == null ? List.of() : log;
    }

    public WebhookService.DeliveryDetail getDetail() {
        return detail;
    }
}
