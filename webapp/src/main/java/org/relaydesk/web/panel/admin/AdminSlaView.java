package org.relaydesk.web.panel.admin;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.relaydesk.api.ticket.TicketPriority;
import org.relaydesk.core.sla.BusinessCalendars;
import org.relaydesk.core.sla.BusinessHours;
import org.relaydesk.core.sla.SlaPolicies;
import org.relaydesk.core.sla.SlaPolicy;
import org.relaydesk.core.sla.SlaTargets;
import org.relaydesk.core.ticket.Category;
import org.relaydesk.core.ticket.CategoryService;
import org.relaydesk.web.panel.PanelActions;
import org.relaydesk.web.panel.PanelFormat;

/**
 * /admin/sla: the SLA policies in the order they are tried, and the form to make or change one —
 * targets in hours (decimals allowed), overrides per priority, business hours, conditions.
 */
@Named
@ViewScoped
public class AdminSlaView implements Serializable {
    private static final long serialVersionUID = 1L;
    static final List<String> CHANNELS = List.of("email", "portal", "web", "api", "whatsapp");

    @Inject
    SlaPolicies policies;

    @Inject
    BusinessCalendars calendars;

    @Inject
    CategoryService categories;

    @Inject
    org.relaydesk.core.field.CustomFieldService customFields;

    private String editingId;
    private String name;
    private Double firstResponseHours;
    private Double nextResponseHours;
    private Double resolutionHours;
    private boolean businessHoursOnly;
    private String calendarId;
    private Integer atRiskPercent = 75;
    private boolean makeDefault;
    private Integer position;
    /** Per priority: first response, next response, resolution hours; blank means the policy's own. */
    private Map<String, Double[]> overrides = emptyOverrides();
    private List<String> priorities = new ArrayList<>();
    private List<String> categoryIds = new ArrayList<>();
    private List<String> channels = new ArrayList<>();
    private String domains;
    /** The one custom-field condition the form edits: field key and its accepted values, comma separated. */
    private String customFieldKey;
    private String customFieldValues;
    /** Names for the list's conditions, read once per page. */
    private Map<String, String> categoryNames;
    private Map<String, String> fieldLabels;
    /** Further custom-field conditions (made through the API), kept as they are when the form saves. */
    private Map<String, List<String>> otherCustomConditions = new LinkedHashMap<>();

    private static Map<String, Double[]> emptyOverrides() {
        Map<String, Double[]> map = new LinkedHashMap<>();
        for (TicketPriority p : TicketPriority.values()) {
            map.put(p.apiName(), new Double[3]);
        }
        return map;
    }

    public List<SlaPolicy> getPolicies() {
        return policies.list();
    }

    public List<BusinessHours> getCalendars() {
        return calendars.list();
    }

    public List<Category> getCategories() {
        return categories.list();
    }

    public List<String> getChannelOptions() {
        return CHANNELS;
    }

    public List<TicketPriority> getPriorityOptions() {
        return Arrays.asList(TicketPriority.values());
    }

    /** "Urgent 1 h / 1 h / 4 h · High …": what each priority gets. */
    public String targetsOf(SlaPolicy policy) {
        Map<TicketPriority, SlaTargets> targets = policy.targets();
        List<TicketPriority> order = new ArrayList<>(Arrays.asList(TicketPriority.values()));
        java.util.Collections.reverse(order);
        return order.stream().map(p -> p.label() + " " + PanelFormat.span(targets.get(p).firstResponse()) + " / "
                + PanelFormat.span(targets.get(p).resolution())).collect(Collectors.joining(" · "));
    }

    /** "Priorities: Urgent, High · Channels: email · Plan: enterprise": the tickets a policy is for, in words. */
    public String conditionsOf(SlaPolicy policy) {
        if (policy.isDefault()) {
            return "Every ticket no other policy takes";
        }
        if (!policy.hasConditions()) {
            return "No ticket: give it conditions, or make it the default";
        }
        var when = org.relaydesk.core.text.Jsonp.createReader(new java.io.StringReader(policy.conditionsJson())).readObject();
        if (categoryNames == null) {
            // read once per page, not once per policy row
            categoryNames = getCategories().stream().collect(Collectors.toMap(c -> c.id().toString(), Category::name, (a, b) -> a));
            fieldLabels = getCustomFields().stream().collect(Collectors.toMap(f -> f.key(), f -> f.label(), (a, b) -> a));
        }
        List<String> parts = new ArrayList<>();
        for (String key : when.keySet()) {
            List<String> values = strings(when, key);
            if (values.isEmpty()) {
                continue;
            }
            String label = switch (key) {
                case "priorities" -> "Priorities";
                case "category_ids" -> "Categories";
                case "channels" -> "Channels";
                case "requester_domains" -> "Requester domains";
                default -> key.startsWith(SlaPolicy.CUSTOM_FIELD) ? fieldLabels.getOrDefault(key.substring(SlaPolicy.CUSTOM_FIELD.length()), key) : key;
            };
            List<String> shown = key.equals("category_ids") ? values.stream().map(v -> categoryNames.getOrDefault(v, "a removed category")).toList()
                    : key.equals("priorities") ? values.stream().map(v -> TicketPriority.fromApiName(v).map(TicketPriority::label).orElse(v)).toList() : values;
            parts.add(label + ": " + String.join(", ", shown));
        }
        return String.join(" · ", parts);
    }

    public List<org.relaydesk.core.field.CustomField> getCustomFields() {
        return customFields.list();
    }

    public String calendarOf(SlaPolicy policy) {
        if (!policy.businessHoursOnly()) {
            return "Round the clock";
        }
        return policy.calendarId() == null ? "Office hours (Mon–Fri 09:00–17:00)"
                : getCalendars().stream().filter(c -> c.id().equals(policy.calendarId())).map(BusinessHours::name).findFirst().orElse("—");
    }

    public void startNew() {
        editingId = null;
        name = null;
        firstResponseHours = null;
        nextResponseHours = null;
        resolutionHours = null;
        businessHoursOnly = false;
        calendarId = null;
        atRiskPercent = 75;
        makeDefault = false;
        position = null;
        overrides = emptyOverrides();
        priorities = new ArrayList<>();
        categoryIds = new ArrayList<>();
        channels = new ArrayList<>();
        domains = null;
        customFieldKey = null;
        customFieldValues = null;
        otherCustomConditions = new LinkedHashMap<>();
    }

    public void edit(SlaPolicy policy) {
        startNew();
        editingId = policy.id().toString();
        name = policy.name();
        firstResponseHours = policy.firstResponseMinutes() / 60.0;
        nextResponseHours = policy.nextResponseMinutes() / 60.0;
        resolutionHours = policy.resolutionMinutes() / 60.0;
        businessHoursOnly = policy.businessHoursOnly();
        calendarId = policy.calendarId() == null ? null : policy.calendarId().toString();
        atRiskPercent = policy.atRiskPercent();
        makeDefault = policy.isDefault();
        position = policy.position();
        var stored = org.relaydesk.core.text.Jsonp.createReader(new java.io.StringReader(policy.overridesJson())).readObject();
        stored.forEach((priority, value) -> {
            Double[] hours = overrides.get(priority);
            if (hours != null) {
                var o = value.asJsonObject();
                hours[0] = o.containsKey("first_response_minutes") ? o.getInt("first_response_minutes") / 60.0 : null;
                hours[1] = o.containsKey("next_response_minutes") ? o.getInt("next_response_minutes") / 60.0 : null;
                hours[2] = o.containsKey("resolution_minutes") ? o.getInt("resolution_minutes") / 60.0 : null;
            }
        });
        var when = org.relaydesk.core.text.Jsonp.createReader(new java.io.StringReader(policy.conditionsJson())).readObject();
        priorities = strings(when, "priorities");
        categoryIds = strings(when, "category_ids");
        channels = strings(when, "channels");
        domains = String.join(", ", strings(when, "requester_domains"));
        for (String key : when.keySet()) {
            if (key.startsWith(SlaPolicy.CUSTOM_FIELD)) {
                if (customFieldKey == null) {
                    customFieldKey = key.substring(SlaPolicy.CUSTOM_FIELD.length());
                    customFieldValues = String.join(", ", strings(when, key));
                } else {
                    otherCustomConditions.put(key, strings(when, key));
                }
            }
        }
    }

    private static List<String> strings(jakarta.json.JsonObject json, String key) {
        return json.containsKey(key) ? new ArrayList<>(json.getJsonArray(key).getValuesAs(jakarta.json.JsonString.class).stream()
                .map(jakarta.json.JsonString::getString).toList()) : new ArrayList<>();
    }

    public void save() {
        SlaPolicies.PolicyInput input = input();
        boolean done = editingId == null
                ? PanelActions.attempt(() -> policies.create(input), "Policy " + input.name() + " added")
                : PanelActions.attempt(() -> policies.update(UUID.fromString(editingId), input), "Policy " + input.name() + " saved");
        if (done) {
            startNew();
        }
    }

    public void delete(SlaPolicy policy) {
        PanelActions.attempt(() -> policies.delete(policy.id()), "Policy " + policy.name() + " removed");
    }

    private SlaPolicies.PolicyInput input() {
        Map<TicketPriority, Map<String, Integer>> byPriority = new EnumMap<>(TicketPriority.class);
        overrides.forEach((priority, hours) -> {
            Map<String, Integer> minutes = new LinkedHashMap<>();
            String[] keys = {"first_response_minutes", "next_response_minutes", "resolution_minutes"};
            for (int i = 0; i < 3; i++) {
                if (hours[i] != null) {
                    minutes.put(keys[i], (int) Math.round(hours[i] * 60));
                }
            }
            if (!minutes.isEmpty()) {
                byPriority.put(TicketPriority.fromApiName(priority).orElseThrow(), minutes);
            }
        });
        Map<String, List<String>> when = new LinkedHashMap<>();
        if (!priorities.isEmpty()) {
            when.put("priorities", List.copyOf(priorities));
        }
        if (!categoryIds.isEmpty()) {
            when.put("category_ids", List.copyOf(categoryIds));
        }
        if (!channels.isEmpty()) {
            when.put("channels", List.copyOf(channels));
        }
        List<String> domainList = domains == null ? List.of() : Arrays.stream(domains.split("[,\\s]+")).map(String::trim)
                .filter(d -> !d.isEmpty()).map(d -> d.startsWith("@") ? d.substring(1) : d).map(d -> d.toLowerCase(Locale.ROOT)).toList();
        if (!domainList.isEmpty()) {
            when.put("requester_domains", domainList);
        }
        List<String> accepted = customFieldValues == null ? List.of() : Arrays.stream(customFieldValues.split(",")).map(String::trim)
                .filter(v -> !v.isEmpty()).toList();
        if (customFieldKey != null && !customFieldKey.isBlank() && !accepted.isEmpty()) {
            when.put(SlaPolicy.CUSTOM_FIELD + customFieldKey, accepted);
        }
        otherCustomConditions.forEach(when::putIfAbsent);
        return new SlaPolicies.PolicyInput(name, position, makeDefault, businessHoursOnly,
                calendarId == null || calendarId.isBlank() ? null : UUID.fromString(calendarId), minutes(firstResponseHours),
                minutes(nextResponseHours), minutes(resolutionHours), byPriority, when, atRiskPercent);
    }

    private static Integer minutes(Double hours) {
        return hours == null ? null : (int) Math.round(hours * 60);
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

    public Double getFirstResponseHours() {
        return firstResponseHours;
    }

    public void setFirstResponseHours(Double value) {
        this.firstResponseHours = value;
    }

    public Double getNextResponseHours() {
        return nextResponseHours;
    }

    public void setNextResponseHours(Double value) {
        this.nextResponseHours = value;
    }

    public Double getResolutionHours() {
        return resolutionHours;
    }

    public void setResolutionHours(Double value) {
        this.resolutionHours = value;
    }

    public boolean isBusinessHoursOnly() {
        return businessHoursOnly;
    }

    public void setBusinessHoursOnly(boolean value) {
        this.businessHoursOnly = value;
    }

    public String getCalendarId() {
        return calendarId;
    }

    public void setCalendarId(String value) {
        this.calendarId = value;
    }

    public Integer getAtRiskPercent() {
        return atRiskPercent;
    }

    public void setAtRiskPercent(Integer value) {
        this.atRiskPercent = value;
    }

    public boolean isMakeDefault() {
        return makeDefault;
    }

    public void setMakeDefault(boolean value) {
        this.makeDefault = value;
    }

    public Integer getPosition() {
        return position;
    }

    public void setPosition(Integer value) {
        this.position = value;
    }

    public Map<String, Double[]> getOverrides() {
        return overrides;
    }

    public List<String> getPriorities() {
        return priorities;
    }

    public void setPriorities(List<String> value) {
        this.priorities = value == null ? new ArrayList<>() : new ArrayList<>(value);
    }

    public List<String> getCategoryIds() {
        return categoryIds;
    }

    public void setCategoryIds(List<String> value) {
        this.categoryIds = value == null ? new ArrayList<>() : new ArrayList<>(value);
    }

    public List<String> getChannels() {
        return channels;
    }

    public void setChannels(List<String> value) {
        this.channels = value == null ? new ArrayList<>() : new ArrayList<>(value);
    }

    public String getDomains() {
        return domains;
    }

    public void setDomains(String value) {
        this.domains = value;
    }

    public String getCustomFieldKey() {
        return customFieldKey;
    }

    public void setCustomFieldKey(String value) {
        this.customFieldKey = value;
    }

    public String getCustomFieldValues() {
        return customFieldValues;
    }

    public void setCustomFieldValues(String value) {
        this.customFieldValues = value;
    }
}
