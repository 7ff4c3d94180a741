package org.relaydesk.web.panel.admin;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.relaydesk.api.plugin.ConfigField;
import org.relaydesk.core.channel.ChannelAccounts;
import org.relaydesk.core.persistence.Ids;
import org.relaydesk.core.plugin.ChannelKind;
import org.relaydesk.core.plugin.PluginHost;
import org.relaydesk.core.team.Team;
import org.relaydesk.core.team.TeamService;
import org.relaydesk.web.panel.PanelActions;

/**
 * /admin/whatsapp/config: adds or edits a WhatsApp number with the settings the plugin declares
 * (the channel accounts' form: secrets are never shown back, only whether one is set), switches
 * numbers on and off. {@code ?id=} opens a number for editing.
 */
@Named
@ViewScoped
public class AdminWhatsAppConfigView implements Serializable {
    private static final long serialVersionUID = 1L;

    @Inject
    ChannelAccounts accounts;

    @Inject
    PluginHost plugins;

    @Inject
    TeamService teams;

    private String id;
    private String editingId;
    private String name;
    private boolean enabled = true;
    private String defaultTeamId;
    /** Set on /admin/channels; kept as they are. */
    private UUID defaultCategoryId;
    private String defaultPriority;
    private Map<String, String> config = new HashMap<>();
    private Set<String> secretsSet = Set.of();

    /** From the address: ?id= a number of this workspace opens it; anything else is said, and the form stays empty. */
    public void load() {
        if (id == null || id.isBlank() || editingId != null) {
            return;
        }
        Optional<UUID> wanted = Ids.parse(id);
        Optional<ChannelAccounts.AccountView> number = wanted.flatMap(w -> getNumbers().stream().filter(v -> v.account().id().equals(w)).findFirst());
        if (number.isEmpty()) {
            PanelActions.warn("There is no WhatsApp number " + id + " in this workspace; you can add one below.");
            return;
        }
        edit(number.get());
    }

    public boolean isPluginEnabled() {
        return plugins.channelKind(AdminWhatsAppView.KIND).isPresent();
    }

    public List<ChannelAccounts.AccountView> getNumbers() {
        return accounts.list().stream().filter(v -> v.account().kind().equals(AdminWhatsAppView.KIND)).toList();
    }

    public List<ConfigField> getFields() {
        return plugins.channelKind(AdminWhatsAppView.KIND).map(ChannelKind::fields).orElse(List.of());
    }

    public List<Team> getTeams() {
        return teams.teams();
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
    }

    public void edit(ChannelAccounts.AccountView view) {
        var a = view.account();
        editingId = a.id().toString();
        name = a.name();
        enabled = a.enabled();
        defaultTeamId = a.defaultTeamId() == null ? null : a.defaultTeamId().toString();
        defaultCategoryId = a.defaultCategoryId();
        defaultPriority = a.defaultPriority();
        config = new HashMap<>(view.config());
        secretsSet = view.secretsSet();
    }

    public void save() {
        ChannelAccounts.AccountInput input = new ChannelAccounts.AccountInput(AdminWhatsAppView.KIND, name, enabled, new HashMap<>(config),
                Ids.parse(defaultTeamId).orElse(null), defaultCategoryId, defaultPriority);
        boolean done = editingId == null ? PanelActions.attempt(() -> accounts.create(input), "WhatsApp number " + name + " added")
                : PanelActions.attempt(() -> accounts.update(UUID.fromString(editingId), input), "WhatsApp number " + name + " saved");
        if (done) {
            startNew();
        }
    }

    /** On or off, everything else as it is (its secrets stay: its other settings do not change). */
    public void toggle(ChannelAccounts.AccountView view) {
        var a = view.account();
        ChannelAccounts.AccountInput input = new ChannelAccounts.AccountInput(null, a.name(), !a.enabled(), new HashMap<>(view.config()),
                a.defaultTeamId(), a.defaultCategoryId(), a.defaultPriority());
        PanelActions.attempt(() -> accounts.update(a.id(), input), "WhatsApp number " + a.name() + (a.enabled() ? " switched off" : " switched on"));
        if (a.id().toString().equals(editingId)) {
            enabled = !a.enabled();
        }
    }

    public boolean isEditing() {
        return editingId != null;
    }

    public String getId() {
        return id;
    }

    public void setId(String value) {
        this.id = value;
    }

    public String getEditingId() {
        return editingId;
    }

    public void setEditingId(String value) {
        this.editingId = value == null || value.isBlank() ? null : value;
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

    public Map<String, String> getConfig() {
        return config;
    }

    public Set<String> getSecretsSet() {
        return secretsSet;
    }
}
