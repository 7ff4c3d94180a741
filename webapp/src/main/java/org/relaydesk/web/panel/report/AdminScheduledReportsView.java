package org.relaydesk.web.panel.report;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.relaydesk.core.report.ReportSubscription;
import org.relaydesk.core.report.ReportSubscriptionInput;
import org.relaydesk.core.report.ScheduledReports;
import org.relaydesk.core.team.Team;
import org.relaydesk.core.team.TeamService;
import org.relaydesk.core.user.Role;
import org.relaydesk.core.user.User;
import org.relaydesk.core.user.UserService;
import org.relaydesk.web.panel.PanelActions;

/** /admin/reports: reports emailed daily, weekly or monthly to members of staff, with the CSV attached. */
@Named
@ViewScoped
public class AdminScheduledReportsView implements Serializable {
    private static final long serialVersionUID = 1L;

    @Inject
    ScheduledReports reports;

    @Inject
    UserService users;

    @Inject
    TeamService teams;

    private List<ReportSubscription> list;
    private String editingId;
    private String name;
    private String report = "tickets";
    private String frequency = "weekly";
    private String team;
    private String priority;
    private String channel;
    private boolean active = true;
    private List<String> recipients = new ArrayList<>();

    public List<ReportSubscription> getSubscriptions() {
        if (list == null) {
            list = reports.list();
        }
        return list;
    }

    public List<User> getStaff() {
        return users.list().stream().filter(u -> u.may(Role.AGENT)).toList();
    }

    public List<Team> getTeamChoices() {
        return teams.teams();
    }

    public String recipientsOf(ReportSubscription subscription) {
        Map<UUID, String> names = users.list().stream().collect(Collectors.toMap(User::id, User::name, (a, b) -> a));
        return subscription.recipients().stream().map(id -> names.getOrDefault(id, "(former member of staff)")).collect(Collectors.joining(", "));
    }

    public void startNew() {
        editingId = null;
        name = null;
        report = "tickets";
        frequency = "weekly";
        team = null;
        priority = null;
        channel = null;
        active = true;
        recipients = new ArrayList<>();
    }

    public void edit(ReportSubscription subscription) {
        editingId = subscription.id().toString();
        name = subscription.name();
        report = subscription.report();
        frequency = subscription.frequency().apiName();
        team = subscription.filter().getString("team", null);
        priority = subscription.filter().getString("priority", null);
        channel = subscription.filter().getString("channel", null);
        active = subscription.active();
        recipients = new ArrayList<>(subscription.recipients().stream().map(UUID::toString).toList());
    }

    public void save() {
        Map<String, String> filter = new LinkedHashMap<>();
        if (editingId != null) {
            // what the page does not show (agent, category, tags set through the API) stays as it is
            getSubscriptions().stream().filter(s -> s.id().toString().equals(editingId)).findFirst()
                    .ifPresent(s -> s.filter().forEach((key, value) -> filter.put(key, value instanceof jakarta.json.JsonString text ? text.getString() : null)));
        }
        filter.put("team", team);
        filter.put("priority", priority);
        filter.put("channel", channel);
        LinkedHashSet<UUID> chosen = new LinkedHashSet<>();
        recipients.forEach(id -> chosen.add(UUID.fromString(id)));
        ReportSubscriptionInput input = new ReportSubscriptionInput(name, report, frequency, filter, chosen, active);
        boolean saved = editingId == null ? PanelActions.attempt(() -> reports.create(input), "Scheduled report " + name + " added")
                : PanelActions.attempt(() -> reports.update(UUID.fromString(editingId), input), "Scheduled report " + name + " saved");
        if (saved) {
            startNew();
            list = null;
        }
    }

    public void sendNow(ReportSubscription subscription) {
        PanelActions.attempt(() -> {
            int emails = reports.sendNow(subscription.id());
            PanelActions.info(emails == 1 ? "1 email is on its way" : emails + " emails are on their way");
        }, null);
        list = null;
    }

    public void delete(ReportSubscription subscription) {
        if (PanelActions.attempt(() -> reports.delete(subscription.id()), "Scheduled report " + subscription.name() + " deleted")) {
            list = null;
        }
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

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getReport() {
        return report;
    }

    public void setReport(String report) {
        this.report = report;
    }

    public String getFrequency() {
        return frequency;
    }

    public void setFrequency(String frequency) {
        this.frequency = frequency;
    }

    public String getTeam() {
        return team;
    }

    public void setTeam(String team) {
        this.team = team;
    }

    public String getPriority() {
        return priority;
    }

    public void setPriority(String priority) {
        this.priority = priority;
    }

    public String getChannel() {
        return channel;
    }

    public void setChannel(String channel) {
        this.channel = channel;
    }

    public boolean isActive() {
        return active;
    }

    public void setActive(boolean active) {
        this.active = active;
    }

    public List<String> getRecipients() {
        return recipients;
    }

    public void setRecipients(List<String> recipients) {
        this.recipients = recipients == null ? new ArrayList<>() : new ArrayList<>(recipients);
    }
}
