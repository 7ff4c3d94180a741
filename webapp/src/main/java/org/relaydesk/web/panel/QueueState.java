package org.relaydesk.web.panel;

import org.relaydesk.core.text.Jsonp;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import java.io.Serializable;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * What the agent chose in the queue: view, filters and sort. Kept apart from the page so that a
 * saved view is exactly this, as JSON, and reading it back gives the same queue.
 */
public class QueueState implements Serializable {
    private static final long serialVersionUID = 1L;

    private String view = "mine";
    private List<String> statuses = new ArrayList<>();
    private List<String> priorities = new ArrayList<>();
    private String assignee;
    private String category;
    private String tag;
    private String query;
    private String sort = "priority";
    private String channel;
    private String team;
    private String requester;
    private String slaState;
    private List<LocalDate> created = new ArrayList<>();

    public JsonObject toJson() {
        JsonObjectBuilder json = Jsonp.createObjectBuilder().add("view", view).add("sort", sort)
                .add("statuses", array(statuses)).add("priorities", array(priorities));
        put(json, "assignee", assignee);
        put(json, "category", category);
        put(json, "tag", tag);
        put(json, "q", query);
        put(json, "channel", channel);
        put(json, "team", team);
        put(json, "requester", requester);
        put(json, "sla", slaState);
        if (created.size() == 2) {
            json.add("created", Jsonp.createArrayBuilder().add(created.get(0).toString()).add(created.get(1).toString()));
        }
        return json.build();
    }

    /** The state a saved view describes; anything unreadable in it is simply left at its default. */
    public static QueueState fromJson(JsonObject json) {
        QueueState state = new QueueState();
        state.view = json.getString("view", "all");
        state.sort = json.getString("sort", "priority");
        state.statuses = strings(json, "statuses");
        state.priorities = strings(json, "priorities");
        state.assignee = json.getString("assignee", null);
        state.category = json.getString("category", null);
        state.tag = json.getString("tag", null);
        state.query = json.getString("q", null);
        state.channel = json.getString("channel", null);
        state.team = json.getString("team", null);
        state.requester = json.getString("requester", null);
        state.slaState = json.getString("sla", null);
        List<String> range = strings(json, "created");
        try {
            if (range.size() == 2) {
                state.created = new ArrayList<>(List.of(LocalDate.parse(range.get(0)), LocalDate.parse(range.get(1))));
            }
        } catch (java.time.format.DateTimeParseException ignored) {
            state.created = new ArrayList<>();
        }
        return state;
    }

    private static JsonArrayBuilder array(List<String> values) {
        JsonArrayBuilder array = Jsonp.createArrayBuilder();
        values.forEach(array::add);
        return array;
    }

    private static void put(JsonObjectBuilder json, String key, String value) {
        if (value != null && !value.isBlank()) {
            json.add(key, value);
        }
    }

    private static List<String> strings(JsonObject json, String key) {
        if (!json.containsKey(key) || json.isNull(key) || json.get(key).getValueType() != jakarta.json.JsonValue.ValueType.ARRAY) {
            return new ArrayList<>();
        }
        return new ArrayList<>(json.getJsonArray(key).getValuesAs(JsonString.class).stream().map(JsonString::getString).toList());
    }

    public String getView() {
        return view;
    }

    /** ?status=: one status, as the dashboards' and reports' links name it. */
    public String getStatusParam() {
        return statuses.size() == 1 ? statuses.get(0) : null;
    }

    public void setStatusParam(String status) {
        if (fromAddress(status)) {
            statuses = new ArrayList<>(List.of(status.strip()));
        }
    }

    /** ?priority=: one priority. */
    public String getPriorityParam() {
        return priorities.size() == 1 ? priorities.get(0) : null;
    }

    public void setPriorityParam(String priority) {
        if (fromAddress(priority)) {
            priorities = new ArrayList<>(List.of(priority.strip()));
        }
    }

    /** ?created_from=&created_to= (yyyy-mm-dd, the workspace's days): the reports' drill-down; a malformed pair is ignored. */
    public String getCreatedFrom() {
        return created.size() == 2 ? created.get(0).toString() : null;
    }

    public void setCreatedFrom(String from) {
        if (fromAddress(from)) {
            createdRange(from, getCreatedTo() == null ? from : getCreatedTo());
        }
    }

    public String getCreatedTo() {
        return created.size() == 2 ? created.get(1).toString() : null;
    }

    public void setCreatedTo(String to) {
        if (fromAddress(to)) {
            createdRange(getCreatedFrom() == null ? to : getCreatedFrom(), to);
        }
    }

    /** ?category=, ?channel=, ?team=, ?sla=: one value each, from a link. */
    public String getCategoryParam() {
        return category;
    }

    public void setCategoryParam(String value) {
        if (fromAddress(value)) {
            category = value.strip();
        }
    }

    public String getChannelParam() {
        return channel;
    }

    public void setChannelParam(String value) {
        if (fromAddress(value)) {
            channel = value.strip();
        }
    }

    public String getTeamParam() {
        return team;
    }

    public void setTeamParam(String value) {
        if (fromAddress(value)) {
            team = value.strip();
        }
    }

    public String getSlaParam() {
        return slaState;
    }

    public void setSlaParam(String value) {
        if (fromAddress(value)) {
            slaState = value.strip();
        }
    }

    /**
     * A value from the address, on the page's first request only: Faces applies view parameters
     * again on each postback, which would undo the filters the agent changes on the page.
     */
    private static boolean fromAddress(String value) {
        jakarta.faces.context.FacesContext faces = jakarta.faces.context.FacesContext.getCurrentInstance();
        return value != null && !value.isBlank() && (faces == null || !faces.isPostback());
    }

    private void createdRange(String from, String to) {
        try {
            LocalDate start = LocalDate.parse(from.strip());
            LocalDate end = LocalDate.parse(to.strip());
            if (!end.isBefore(start)) {
                created = new ArrayList<>(List.of(start, end));
            }
        } catch (RuntimeException malformed) {
            // a hand-edited address: no range rather than an error page
        }
    }

    public void setView(String view) {
        this.view = view == null || view.isBlank() ? "mine" : view;
    }

    public List<String> getStatuses() {
        return statuses;
    }

    public void setStatuses(List<String> statuses) {
        this.statuses = statuses == null ? new ArrayList<>() : new ArrayList<>(statuses);
    }

    public List<String> getPriorities() {
        return priorities;
    }

    public void setPriorities(List<String> priorities) {
        this.priorities = priorities == null ? new ArrayList<>() : new ArrayList<>(priorities);
    }

    public String getAssignee() {
        return assignee;
    }

    public void setAssignee(String assignee) {
        this.assignee = assignee;
    }

    public String getCategory() {
        return category;
    }

    public void setCategory(String category) {
        this.category = category;
    }

    public String getTag() {
        return tag;
    }

    public void setTag(String tag) {
        this.tag = tag;
    }

    public String getQuery() {
        return query;
    }

    public void setQuery(String query) {
        this.query = query;
    }

    public String getSort() {
        return sort;
    }

    public void setSort(String sort) {
        this.sort = sort == null || sort.isBlank() ? "priority" : sort;
    }

    public String getChannel() {
        return channel;
    }

    public void setChannel(String channel) {
        this.channel = channel;
    }

    public String getTeam() {
        return team;
    }

    public void setTeam(String team) {
        this.team = team;
    }

    public String getRequester() {
        return requester;
    }

    public void setRequester(String requester) {
        this.requester = requester;
    }

    public List<LocalDate> getCreated() {
        return created;
    }

    public void setCreated(List<LocalDate> created) {
        this.created = created == null ? new ArrayList<>() : new ArrayList<>(created);
    }

    public String getSlaState() {
        return slaState;
    }

    public void setSlaState(String slaState) {
        this.slaState = slaState == null || slaState.isBlank() ? null : slaState;
    }
}
