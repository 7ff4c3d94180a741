package org.relaydesk.core.plugin;

import java.util.logging.Level;
import java.util.logging.Logger;
import org.relaydesk.api.channel.InboundMessage;
import org.relaydesk.api.inbound.FilterResult;
import org.relaydesk.api.inbound.InboundFilter;
import org.relaydesk.api.inbound.MessageSource;

/** A plugin's inbound filter as the host runs it: through the guard, and when it fails, as if it let the message through. */
public final class PluginInboundFilter {
    private static final Logger LOG = Logger.getLogger(PluginInboundFilter.class.getName());
    private final String pluginId;
    private final InboundFilter filter;
    private final PluginGuard guard;
    private final String id;
    private final int order;

    PluginInboundFilter(String pluginId, InboundFilter filter, PluginGuard guard) throws Exception {
        this.pluginId = pluginId;
        this.filter = filter;
        this.guard = guard;
        this.id = guard.call(pluginId, filter::id, null);
        this.order = guard.call(pluginId, filter::order, null);
    }

    /** "plugin/filter", for the reasons it gives. */
    public String name() {
        return pluginId + "/" + id;
    }

    public int order() {
        return order;
    }

    /** The filter's result; a failure (counted against the plugin) keeps the message as it was. */
    public FilterResult apply(InboundMessage message, MessageSource source) {
        try {
            // counted per account, like the channel's own calls: crafted mail to one workspace pauses the filter there only
            PluginGuard.Scope scope = source == null || source.accountId() == null ? PluginGuard.Scope.plugin(pluginId)
                    : PluginGuard.Scope.account(pluginId, source.accountId());
            FilterResult result = guard.call(scope, () -> filter.filter(message, source), null, guard.timeout());
            return result == null ? FilterResult.keep(message) : result;
        } catch (Exception e) {
            LOG.log(Level.WARNING, "Inbound filter " + name() + " failed; the message goes on unchanged", e);
            return FilterResult.keep(message);
        }
    }
}
