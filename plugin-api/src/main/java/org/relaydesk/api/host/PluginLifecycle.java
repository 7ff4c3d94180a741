package org.relaydesk.api.host;

/**
 * Told when the plugin starts (enabled, or the server started with it enabled) and stops; the
 * start hands over the {@link HostServices}. Optional: list an implementation in
 * META-INF/services/org.relaydesk.api.host.PluginLifecycle. Both calls have the usual time limit.
 * Since 1.1.
 */
public interface PluginLifecycle {
    void start(HostServices host);

    default void stop() {
    }
}
