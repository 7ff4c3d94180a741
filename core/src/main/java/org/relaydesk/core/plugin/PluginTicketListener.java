package org.relaydesk.core.plugin;

import java.util.logging.Level;
import java.util.logging.Logger;
import org.relaydesk.api.event.TicketEvent;
import org.relaydesk.api.event.TicketEventListener;

/** A plugin's ticket listener, called through the guard; a failure is counted and logged, and nothing else happens. */
final class PluginTicketListener {
    private static final Logger LOG = Logger.getLogger(PluginTicketListener.class.getName());
    private final String pluginId;
    private final TicketEventListener listener;
    private final PluginGuard guard;

    PluginTicketListener(String pluginId, TicketEventListener listener, PluginGuard guard) {
        this.pluginId = pluginId;
        this.listener = listener;
        this.guard = guard;
    }

    void tell(TicketEvent event) {
        try {
            guard.call(pluginId, () -> {
                listener.onTicketEvent(event);
                return null;
            }, null);
        } catch (Exception e) {
            LOG.log(Level.FINE, "Plugin " + pluginId + " failed on " + event, e);
        }
    }
}
