package org.relaydesk.web.panel;

import jakarta.faces.application.FacesMessage;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import org.relaydesk.core.error.ConflictException;
import org.relaydesk.core.error.InvalidInputException;
import org.relaydesk.core.error.NotFoundException;
import org.relaydesk.core.error.PermissionDeniedException;
import org.relaydesk.core.ticket.Actor;
import org.relaydesk.core.ticket.Ticket;
import org.relaydesk.core.ticket.TicketPatch;
import org.relaydesk.core.ticket.TicketService;

/**
 * Bulk actions on the tickets checked in the queue: assign, status, priority, tag, merge. Each
 * ticket is changed on its own (with its own rules and timeline entry), so one refusal does not
 * undo the others; the agent is told how many changed and why any did not.
 */
@Named
@ViewScoped
public class QueueBulkActions implements Serializable {
    private static final long serialVersionUID = 1L;

    @Inject
    TicketService tickets;

    @Inject
    PanelSession session;

    private List<Ticket> selected = new ArrayList<>();
    private String assignee;
    private String status;
    private String priority;
    private String tag;
    private String mergeInto;

    public void assign() {
        if (assignee == null || assignee.isBlank()) {
            return;
        }
        if ("none".equals(assignee)) {
            apply("Unassigned", t -> tickets.unassign(t.id(), actor()));
        } else {
            UUID agent = UUID.fromString(assignee);
            apply("Assigned", t -> tickets.assign(t.id(), agent, actor()));
        }
        assignee = null;
    }

    public void changeStatus() {
        if (status != null && !status.isBlank()) {
            String target = status;
            apply("Status changed", t -> tickets.update(t.id(), patch(target, null, null), actor()));
        }
        status = null;
    }

    public void changePriority() {
        if (priority != null && !priority.isBlank()) {
            String target = priority;
            apply("Priority changed", t -> tickets.update(t.id(), patch(null, target, null), actor()));
        }
        priority = null;
    }

    public void addTag() {
        if (tag == null || tag.isBlank()) {
            message(FacesMessage.SEVERITY_ERROR, "Type the tag to add.");
            return;
        }
        String added = tag.trim();
        apply("Tagged", t -> {
            Set<String> tags = new LinkedHashSet<>(t.tags());
            tags.add(added);
            tickets.update(t.id(), patch(null, null, tags), actor());
        });
        tag = null;
    }

    /** Merges every checked ticket into the one whose number was given. */
    public void merge() {
        Long number = TicketView.leadingNumber(mergeInto);
        if (number == null) {
            message(FacesMessage.SEVERITY_ERROR, "Give the number of the ticket to merge into.");
            return;
        }
        Ticket target;
        try {
            target = tickets.getByNumber(number);
        } catch (NotFoundException e) {
            message(FacesMessage.SEVERITY_ERROR, "There is no ticket " + number + ".");
            return;
        }
        selected.removeIf(t -> t.id().equals(target.id()));
        apply("Merged into " + number, t -> tickets.merge(t.id(), target.id(), actor()));
        mergeInto = null;
    }

    private void apply(String done, Consumer<Ticket> change) {
        if (selected.isEmpty()) {
            message(FacesMessage.SEVERITY_ERROR, "Check the tickets to change first.");
            return;
        }
        int changed = 0;
        List<String> refused = new ArrayList<>();
        for (Ticket ticket : selected) {
            try {
                change.accept(ticket);
                changed++;
            } catch (InvalidInputException | ConflictException | PermissionDeniedException | NotFoundException e) {
                refused.add(ticket.number() + ": " + e.getMessage());
            }
        }
        if (changed > 0) {
            message(FacesMessage.SEVERITY_INFO, done + ": " + changed + (changed == 1 ? " ticket" : " tickets"));
        }
        refused.forEach(r -> message(FacesMessage.SEVERITY_WARN, "Not changed " + r));
        selected = new ArrayList<>();
    }

    private static TicketPatch patch(String status, String priority, Set<String> tags) {
        return new TicketPatch(null, null, status, priority, null, null, (Optional<UUID>) null, null, null, tags, null);
    }

    private Actor actor() {
        return Actor.of(session.getUser());
    }

    private static void message(FacesMessage.Severity severity, String text) {
        if (severity == FacesMessage.SEVERITY_ERROR) {
            PanelActions.error(text);
        } else if (severity == FacesMessage.SEVERITY_WARN) {
            PanelActions.warn(text);
        } else {
            PanelActions.info(text);
        }
    }

    public int getSelectedCount() {
        return selected.size();
    }

    public List<Ticket> getSelected() {
        return selected;
    }

    public void setSelected(List<Ticket> selected) {
        this.selected = selected == null ? new ArrayList<>() : new ArrayList<>(selected);
    }

    public String getAssignee() {
        return assignee;
    }

    public void setAssignee(String assignee) {
        this.assignee = assignee;
    }

    public String getStatus() {
        return status;
    }

    public void setStatus(String status) {
        this.status = status;
    }

    public String getPriority() {
        return priority;
    }

    public void setPriority(String priority) {
        this.priority = priority;
    }

    public String getTag() {
        return tag;
    }

    public void setTag(String tag) {
        this.tag = tag;
    }

    public String getMergeInto() {
        return mergeInto;
    }

    public void setMergeInto(String mergeInto) {
        this.mergeInto = mergeInto;
    }
}
