package org.relaydesk.plugin.webform;

import org.relaydesk.api.host.HostServices;
import org.relaydesk.api.host.KeyValueStore;

/**
 * Takes the host's services when the plugin starts: the forms record the stamps they accepted in
 * the plugin's key-value store, which every node of a cluster shares. The host creates this class
 * and the connector factory separately, so the store is handed over through this holder.
 */
public final class WebFormPlugin implements org.relaydesk.api.host.PluginLifecycle {
    private static volatile HostServices host;

    @Override
    public void start(HostServices services) {
        host = services;
    }

    @Override
    public void stop() {
        host = null;
    }

    /** The shared store, or null before the plugin started (then each form keeps its stamps in memory). */
    static KeyValueStore store() {
        HostServices current = host;
        return current == null ? null : current.store();
    }
}
