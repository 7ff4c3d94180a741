package org.relaydesk.web.panel.admin;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;
import org.primefaces.event.FileUploadEvent;
import org.relaydesk.core.plugin.PluginHost;
import org.relaydesk.web.panel.PanelActions;
import org.relaydesk.web.panel.PanelSession;

/**
 * /admin/plugins: the installation's plugins with their state and health. Workspace admins see
 * them; the system administrator uploads, enables, disables and removes them.
 */
@Named
@ViewScoped
public class AdminPluginsView implements Serializable {
    private static final long serialVersionUID = 1L;

    @Inject
    PluginHost plugins;

    @Inject
    PanelSession session;

    private String settingsOf;
    private List<org.relaydesk.api.plugin.ConfigField> settingsFields = List.of();
    private java.util.Map<String, String> settingsValues = new java.util.HashMap<>();
    private java.util.Set<String> settingsSecrets = java.util.Set.of();

    public List<PluginHost.PluginInfo> getPlugins() {
        return plugins.list();
    }

    public boolean isManaging() {
        return session.isSystemAdmin();
    }

    /** Whether the operator allows uploads (relaydesk.plugins.upload-enabled); off, the page says how plugins are installed instead. */
    public boolean isUploadsEnabled() {
        return plugins.uploadsEnabled();
    }

    public long getMaxBytes() {
        return PluginHost.MAX_JAR_BYTES;
    }

    public void upload(FileUploadEvent event) {
        if (refused()) {
            return;
        }
        byte[] jar = event.getFile().getContent();
        PanelActions.attempt(() -> {
            PluginHost.PluginInfo installed = plugins.install(jar);
            PanelActions.info("Plugin " + installed.id() + " " + installed.version() + " installed" + (installed.enabled() ? " and running" : "; enable it to use it"));
        }, null);
    }

    public void enable(String id) {
        if (!refused()) {
            PanelActions.attempt(() -> plugins.setEnabled(id, true, session.getUser().email()), "Plugin " + id + " enabled");
        }
    }

    public void disable(String id) {
        if (!refused()) {
            PanelActions.attempt(() -> plugins.setEnabled(id, false, session.getUser().email()), "Plugin " + id + " disabled");
        }
    }

    public void remove(String id) {
        if (!refused()) {
            PanelActions.attempt(() -> plugins.remove(id), "Plugin " + id + " removed");
        }
    }

    /** Whether the plugin, running, declares settings of its own. */
    public boolean hasSettings(String id) {
        return session.isSystemAdmin() && plugins.hasSettings(id);
    }

    public void editSettings(String id) {
        if (refused()) {
            return;
        }
        PluginHost.PluginSettings current = plugins.settings(id);
        settingsOf = id;
        settingsFields = current.fields();
        settingsValues = new java.util.HashMap<>(current.values());
        settingsSecrets = current.secretsSet();
    }

    public void saveSettings() {
        if (refused() || settingsOf == null) {
            return;
        }
        String id = settingsOf;
        if (PanelActions.attempt(() -> {
            PluginHost.PluginSettings saved = plugins.saveSettings(id, settingsValues, session.getUser().email());
            settingsValues = new java.util.HashMap<>(saved.values());
            settingsSecrets = saved.secretsSet();
        }, "Settings of " + id + " saved")) {
            settingsOf = null;
        }
    }

    public void closeSettings() {
        settingsOf = null;
    }

    public String getSettingsOf() {
        return settingsOf;
    }

    public List<org.relaydesk.api.plugin.ConfigField> getSettingsFields() {
        return settingsFields;
    }

    public java.util.Map<String, String> getSettingsValues() {
        return settingsValues;
    }

    public java.util.Set<String> getSettingsSecrets() {
        return settingsSecrets;
    }

    /** The workflow actions it adds, or a dash while it is off. */
    public String addsOf(PluginHost.PluginInfo plugin) {
        return plugin.actions().isEmpty() ? "—" : "Workflow actions: " + String.join(", ", plugin.actions());
    }

    /** "paused until 10:42 after 5 failures in a row", "failing: …", "ok", "disabled". */
    public String healthOf(PluginHost.PluginInfo plugin) {
        if (!plugin.enabled()) {
            return "Disabled";
        }
        return switch (plugin.health()) {
            case "paused" -> "Paused until " + plugin.pausedUntil() + " after repeated failures";
            case "failing" -> "Failing: " + plugin.lastError();
            default -> "Working (" + plugin.calls() + " calls, " + plugin.failures() + " failed)";
        };
    }

    private boolean refused() {
        if (!session.isSystemAdmin()) {
            PanelActions.error("Only the system administrator can change plugins: they run for every workspace.");
            return true;
        }
        return false;
    }
}
