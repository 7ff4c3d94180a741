package org.relaydesk.api.host;

/**
 * Told when the plugin starts (enabled, or the server started with it enabled) and stops; the
 * start hands over the {@link HostServices}. Optional: list an implementation in
 * META-INF/services/org.relaydesk.api.host.PluginLifecycle. Both calls have the usual time limit.
 * Since 1.1.
 */
public interface PluginLifecycle {
    /**
     * The plugin's own settings (an API key, a service's address), which the system administrator
     * fills in on /admin/plugins; read them with {@link HostServices#settings()}. Secrets are
     * encrypted at rest, write-only in the API and masked in the panel.
     */
    default java.util.List<org.relaydesk.api.plugin.ConfigField> settings() {
        return java.util.List.of();
    }

    void start(HostServices host);

    default void stop() {
    }
}
