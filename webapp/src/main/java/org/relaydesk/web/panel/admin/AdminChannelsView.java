package org.relaydesk.web.panel.admin;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.relaydesk.api.plugin.ConfigField;
import org.relaydesk.api.ticket.TicketPriority;
import org.relaydesk.core.channel.AutoReplySettings;
import org.relaydesk.core.channel.ChannelAccounts;
import org.relaydesk.core.channel.InboundMessages;
import org.relaydesk.core.plugin.ChannelKind;
import org.relaydesk.core.plugin.PluginHost;
import org.relaydesk.core.team.Team;
import org.relaydesk.core.team.TeamService;
import org.relaydesk.core.ticket.Category;
import org.relaydesk.core.ticket.CategoryService;
import org.relaydesk.web.panel.PanelActions;

/**
 * /admin/channels: the workspace's channel accounts with how their last fetch went, one form for
 * every kind (rendered from the settings its plugin declares; secrets are never shown, only whether
 * one is set), and the messages an account set aside, with a retry.
 */
@Named
@ViewScoped
public class AdminChannelsView implements Serializable {
    private static final long serialVersionUID = 1L;

    @Inject
    ChannelAccounts accounts;

    @Inject
    InboundMessages inbound;

    @Inject
    PluginHost plugins;

    @Inject
    TeamService teams;

    @Inject
    CategoryService categories;

    private String editingId;
    private String kind;
    private String name;
    private boolean enabled = true;
    private String defaultTeamId;
    private String defaultCategoryId;
    private String defaultPriority;
    private Map<String, String> config = new HashMap<>();
    private Set<String> secretsSet = Set.of();
    private String messagesOf;
    private String acknowledgementMessage;
    private String awayMessage;
    private String businessCalendarId;
    private Integer autoReplyIntervalHours = AutoReplySettings.DEFAULT_INTERVAL_HOURS;
    private boolean autoReplyEmail;

    @Inject
    org.relaydesk.core.sla.BusinessCalendars calendars;

    @jakarta.annotation.PostConstruct
    void init() {
        startNew();
    }

    public List<ChannelAccounts.AccountView> getAccounts() {
        return accounts.list();
    }

    public List<ChannelKind> getKinds() {
        return plugins.channelKinds();
    }

    /** The settings of the kind being edited, in the plugin's order. */
    public List<ConfigField> getFields() {
        return selectedKind().map(ChannelKind::fields).orElse(List.of());
    }

    public String kindName(String value) {
        return plugins.channelKind(value).map(ChannelKind::name).orElse(value + " (its plugin is off)");
    }

    /** The account's public address, for kinds that take web requests (a form); null for the others. */
    public String publicUrl(ChannelAccounts.AccountView view) {
        return plugins.channelKind(view.account().kind()).filter(k -> k.capabilities().contains(org.relaydesk.api.channel.Capability.INBOUND_HTTP))
                .map(k -> org.relaydesk.core.channel.ChannelHttp.publicUrl(view.account().id())).orElse(null);
    }

    /** What its plugin says to do with that address (the embed snippet of a form). */
    public String publicInstructions(ChannelAccounts.AccountView view) {
        String url = publicUrl(view);
        return url == null ? null : plugins.channelKind(view.account().kind()).map(k -> k.publicInstructions(url)).orElse(null);
    }





    public void startNew() {
        editingId = null;
        name = null;
        enabled = true;
        defaultTeamId = null;
        defaultCategoryId = null;
        defaultPriority = null;
        config = new HashMap<>();
        secretsSet = Set.of();
        showAutoReplies(AutoReplySettings.NONE);
        kind = getKinds().isEmpty() ? null : getKinds().get(0).kind();
    }

    public void kindChanged() {
        config = new HashMap<>();
    }

    public void edit(ChannelAccounts.AccountView view) {
        var a = view.account();
        editingId = a.id().toString();
        kind = a.kind();
        name = a.name();
        enabled = a.enabled();
        defaultTeamId = a.defaultTeamId() == null ? null : a.defaultTeamId().toString();
        defaultCategoryId = a.defaultCategoryId() == null ? null : a.defaultCategoryId().toString();
        defaultPriority = a.defaultPriority();
        config = new HashMap<>(view.config());
        secretsSet = view.secretsSet();
        showAutoReplies(a.autoReplies());
    }

    private void showAutoReplies(AutoReplySettings replies) {
        acknowledgementMessage = replies.acknowledgement();
        awayMessage = replies.away();
        businessCalendarId = replies.calendarId() == null ? null : replies.calendarId().toString();
        autoReplyIntervalHours = replies.intervalHours();
        autoReplyEmail = replies.onEmail();
    }

    public void save() {
        ChannelAccounts.AccountInput input = new ChannelAccounts.AccountInput(kind, name, enabled, new HashMap<>(config), uuid(defaultTeamId),
                uuid(defaultCategoryId), defaultPriority, new AutoReplySettings(acknowledgementMessage, awayMessage, uuid(businessCalendarId),
                        autoReplyIntervalHours == null ? AutoReplySettings.DEFAULT_INTERVAL_HOURS : autoReplyIntervalHours, autoReplyEmail));
        boolean done = editingId == null ? PanelActions.attempt(() -> accounts.create(input), "Channel " + name + " added")
                : PanelActions.attempt(() -> accounts.update(UUID.fromString(editingId), input), "Channel " + name + " saved");
        if (done) {
            startNew();
        }
    }

    public void delete(ChannelAccounts.AccountView view) {
        PanelActions.attempt(() -> accounts.delete(view.account().id()), "Channel " + view.account().name() + " removed");
        if (view.account().id().toString().equals(messagesOf)) {
            messagesOf = null;
        }
    }

    public void showMessages(ChannelAccounts.AccountView view) {
        messagesOf = view.account().id().toString();
    }

    /** The messages the account set aside or ignored, newest first. */
    public List<InboundMessages.Entry> getSetAside() {
        if (messagesOf == null) {
            return List.of();
        }
        UUID id = UUID.fromString(messagesOf);
        List<InboundMessages.Entry> failed = inbound.list(id, "failed", 50);
        List<InboundMessages.Entry> ignored = inbound.list(id, "ignored", 50);
        return java.util.stream.Stream.concat(failed.stream(), ignored.stream())
                .sorted(java.util.Comparator.comparing(InboundMessages.Entry::receivedAt).reversed()).toList();
    }

    public String getMessagesOfName() {
        return messagesOf == null ? null : getAccounts().stream().filter(v -> v.account().id().toString().equals(messagesOf))
                .map(v -> v.account().name()).findFirst().orElse(null);
    }

    public void retry(InboundMessages.Entry entry) {
        PanelActions.attempt(() -> inbound.retry(UUID.fromString(messagesOf), entry.id()), "Message " + entry.externalId() + " queued again");
    }

    public List<org.relaydesk.core.sla.BusinessHours> getCalendars() {
        return calendars.list();
    }

    public String getAcknowledgementMessage() {
        return acknowledgementMessage;
    }

    public void setAcknowledgementMessage(String value) {
        this.acknowledgementMessage = value;
    }

    public String getAwayMessage() {
        return awayMessage;
    }

    public void setAwayMessage(String value) {
        this.awayMessage = value;
    }

    public String getBusinessCalendarId() {
        return businessCalendarId;
    }

    public void setBusinessCalendarId(String value) {
        this.businessCalendarId = value;
    }

    public Integer getAutoReplyIntervalHours() {
        return autoReplyIntervalHours;
    }

    public void setAutoReplyIntervalHours(Integer value) {
        this.autoReplyIntervalHours = value;
    }

    public boolean isAutoReplyEmail() {
        return autoReplyEmail;
    }

    public void setAutoReplyEmail(boolean value) {
        this.autoReplyEmail = value;
    }

    public List<Team> getTeams() {
        return teams.teams();
    }

    public List<Category> getCategories() {
        return categories.list();
    }

    public List<TicketPriority> getPriorities() {
        return Arrays.asList(TicketPriority.values());
    }

    private Optional<ChannelKind> selectedKind() {
        return kind == null ? Optional.empty() : plugins.channelKind(kind);
    }

    private static UUID uuid(String value) {
        return value == null || value.isBlank() ? null : UUID.fromString(value);
    }

    public boolean isEditing() {
        return editingId != null;
    }

    public String getEditingId() {
        return editingId;
    }

    public void setEditingId(String value) {
        this.editingId = value == null || value.isBlank() ? null : value;
    }

    public String getKind() {
        return kind;
    }

    public void setKind(String value) {
        this.kind = value;
    }

    public String getName() {
        return name;
    }

    public void setName(String value) {
        this.name = value;
    }

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean value) {
        this.enabled = value;
    }

    public String getDefaultTeamId() {
        return defaultTeamId;
    }

    public void setDefaultTeamId(String value) {
        this.defaultTeamId = value;
    }

    public String getDefaultCategoryId() {
        return defaultCategoryId;
    }

    public void setDefaultCategoryId(String value) {
        this.defaultCategoryId = value;
    }

    public String getDefaultPriority() {
        return defaultPriority;
    }

    public void setDefaultPriority(String value) {
        this.defaultPriority = value;
    }

    public Set<String> getSecretsSet() {
        return secretsSet;
    }

    public Map<String, String> getConfig() {
        return config;
    }
}
