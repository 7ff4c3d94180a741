package org.relaydesk.core.plugin;

/** A system administrator enabled or disabled a plugin on this node: the other nodes of a cluster follow. */
public record PluginSwitched(String pluginId, boolean enabled) {
}
