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

    public List<PluginHost.PluginInfo> getPlugins() {
        return plugins.list();
    }

    public boolean isManaging() {
        return session.isSystemAdmin();
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
