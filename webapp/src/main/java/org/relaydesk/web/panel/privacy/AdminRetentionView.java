package org.relaydesk.web.panel.privacy;

import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.relaydesk.api.ticket.TicketStatus;
import org.relaydesk.core.retention.LegalHolds;
import org.relaydesk.core.retention.RetentionPolicies;
import org.relaydesk.core.retention.RetentionPolicy;
import org.relaydesk.core.ticket.Category;
import org.relaydesk.core.ticket.CategoryService;
import org.relaydesk.core.ticket.TicketService;
import org.relaydesk.web.panel.PanelActions;
import org.relaydesk.web.panel.PanelSession;

/** /admin/retention: retention policies (with their preview and a run now) and the tickets under legal hold. */
@Named
@ViewScoped
public class AdminRetentionView implements Serializable {
    private static final long serialVersionUID = 1L;

    @Inject
    RetentionPolicies policies;

    @Inject
    LegalHolds holds;

    @Inject
    TicketService tickets;

    @Inject
    CategoryService categories;

    @Inject
    PanelSession session;

    private List<RetentionPolicy> list;
    private List<LegalHolds.Hold> held;
    private String name;
    private String action = "delete";
    private int afterDays = 365;
    private List<String> statuses = List.of("CLOSED");
    private String channels;
    private String categoryId;
    private boolean enabled = true;
    private RetentionPolicies.Matches preview;
    private String previewOf;
    private Long holdNumber;
    private String holdReason;

    @PostConstruct
    void load() {
        list = policies.list(session.getUser());
        held = holds.list(session.getUser());
    }

    public void add() {
        if (PanelActions.attempt(() -> policies.create(session.getUser(), draft()), "Retention policy added")) {
            name = null;
            load();
        }
    }

    public void preview(UUID id) {
        RetentionPolicies.Matches[] found = new RetentionPolicies.Matches[1];
        if (PanelActions.attempt(() -> found[0] = policies.preview(session.getUser(), id), null)) {
            preview = found[0];
            previewOf = list.stream().filter(p -> p.id().equals(id)).map(RetentionPolicy::name).findFirst().orElse("");
        }
    }

    public void runNow(UUID id) {
        RetentionPolicies.Matches[] done = new RetentionPolicies.Matches[1];
        if (PanelActions.attempt(() -> done[0] = policies.runNow(session.getUser(), id), null)) {
            PanelActions.info("Applied: " + done[0].count() + (done[0].count() == 1 ? " ticket" : " tickets"));
            preview = null;
            load();
        }
    }

    public void toggle(RetentionPolicy policy) {
        if (PanelActions.attempt(() -> policies.update(session.getUser(), policy.id(), new RetentionPolicy.Draft(policy.name(), policy.action(),
                policy.afterDays(), policy.statuses(), policy.channels(), policy.categoryId(), !policy.enabled())), null)) {
            load();
        }
    }

    public void remove(UUID id) {
        if (PanelActions.attempt(() -> policies.delete(session.getUser(), id), "Retention policy deleted")) {
            preview = null;
            load();
        }
    }

    public void hold() {
        if (holdNumber == null) {
            PanelActions.error("Ticket number is required");
            return;
        }
        if (PanelActions.attempt(() -> holds.set(session.getUser(), tickets.getByNumber(holdNumber).id(), true, holdReason),
                "Ticket " + holdNumber + " is under legal hold")) {
            holdNumber = null;
            holdReason = null;
            load();
        }
    }

    public void lift(UUID ticketId) {
        if (PanelActions.attempt(() -> holds.set(session.getUser(), ticketId, false, null), "Legal hold lifted")) {
            load();
        }
    }

    private RetentionPolicy.Draft draft() {
        Set<String> channelNames = new LinkedHashSet<>();
        if (channels != null) {
            Arrays.stream(channels.split(",")).map(String::strip).filter(c -> !c.isEmpty()).forEach(channelNames::add);
        }
        UUID category = categoryId == null || categoryId.isBlank() ? null : UUID.fromString(categoryId);
        return new RetentionPolicy.Draft(name, RetentionPolicy.Action.parse(action), afterDays, RetentionPolicy.statusesNamed(Set.copyOf(statuses)),
                channelNames, category, enabled);
    }

    /** "Delete closed tickets from email after 365 days without a change" */
    public String describe(RetentionPolicy policy) {
        String what = switch (policy.action()) {
            case CLOSE -> "Close";
            case DELETE -> "Delete";
            case DELETE_ATTACHMENTS -> "Delete the files of";
        };
        return what + " " + String.join(" or ", policy.statuses().stream().map(TicketStatus::label).map(String::toLowerCase).sorted().toList())
                + " tickets" + (policy.channels().isEmpty() ? "" : " from " + String.join(", ", policy.channels().stream().sorted().toList()))
                + (policy.categoryId() == null ? "" : " in " + categories.list().stream().filter(c -> c.id().equals(policy.categoryId()))
                        .map(Category::name).findFirst().orElse("a category")) + " after " + policy.afterDays() + " days without a change";
    }

    public List<TicketStatus> getStatusChoices() {
        return List.of(TicketStatus.RESOLVED, TicketStatus.CLOSED, TicketStatus.CANCELLED, TicketStatus.WAITING_ON_CUSTOMER, TicketStatus.NEW,
                TicketStatus.OPEN);
    }

    public List<Category> getCategories() {
        return categories.list();
    }

    public List<RetentionPolicy> getList() {
        return list;
    }

    public List<LegalHolds.Hold> getHeld() {
        return held;
    }

    public RetentionPolicies.Matches getPreview() {
        return preview;
    }

    /** "would change 3 tickets now: 1004, 1005, 1009" (the first thousand listed). */
    public String getPreviewSummary() {
        if (preview == null) {
            return "";
        }
        String listed = String.join(", ", preview.numbers().stream().map(String::valueOf).toList());
        return "would change " + preview.count() + (preview.count() == 1 ? " ticket" : " tickets") + " now" + (listed.isEmpty() ? "." : ": " + listed
                + (preview.numbers().size() < preview.count() ? " and " + (preview.count() - preview.numbers().size()) + " more" : ""));
    }

    public String getPreviewOf() {
        return previewOf;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getAction() {
        return action;
    }

    public void setAction(String action) {
        this.action = action;
    }

    public int getAfterDays() {
        return afterDays;
    }

    public void setAfterDays(int afterDays) {
        this.afterDays = afterDays;
    }

    public List<String> getStatuses() {
        return statuses;
    }

    public void setStatuses(List<String> statuses) {
        this.statuses = statuses;
    }

    public String getChannels() {
        return channels;
    }

    public void setChannels(String channels) {
        this.channels = channels;
    }

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public String getCategoryId() {
        return categoryId;
    }

    public void setCategoryId(String categoryId) {
        this.categoryId = categoryId;
    }

    public Long getHoldNumber() {
        return holdNumber;
    }

    public void setHoldNumber(Long holdNumber) {
        this.holdNumber = holdNumber;
    }

    public String getHoldReason() {
        return holdReason;
    }

    public void setHoldReason(String holdReason) {
        this.holdReason = holdReason;
    }
}
