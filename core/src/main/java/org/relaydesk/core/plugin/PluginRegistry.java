package org.relaydesk.core.plugin;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.relaydesk.api.host.PluginLifecycle;
import org.relaydesk.api.plugin.ConfigField;
import org.relaydesk.api.workflow.WorkflowAction;

/**
 * What the plugin host knows at one moment, immutable: the installed plugins, which are enabled,
 * and the parts of the running ones, with the lists the ticket, filing and rule paths read already
 * put together. The host swaps a new one in after each change; readers take the current one and
 * never wait, least of all on plugin code a change is running.
 */
record PluginRegistry(PluginGuard guard, Map<String, Installed> installed, Set<String> enabled, Map<String, Running> running,
        List<WorkflowAction> workflowActions, List<PluginInboundFilter> inboundFilters, List<PluginTicketListener> ticketListeners,
        List<ChannelKind> channelKinds, List<PluginAssistant> assistants) {

    static final PluginRegistry EMPTY = of(null, Map.of(), Set.of(), Map.of());

    /** A plugin jar the host has loaded, as the panel shows it. */
    record Installed(String id, String version, String description, String provider, String requires, String state, Path path, JarSum sum) {
        String sha256() {
            return sum.get();
        }
    }

    /** The parts of a started plugin (each list may be empty: a plugin that offers nothing of a kind). */
    record Running(List<PluginLifecycle> lifecycles, List<ConfigField> settingsFields, List<WorkflowAction> actions,
            List<ChannelKind> channels, List<PluginInboundFilter> filters, List<PluginTicketListener> listeners,
            List<PluginAssistant> assistants) {
        Running {
            assistants = List.copyOf(assistants);
            lifecycles = List.copyOf(lifecycles);
            settingsFields = List.copyOf(settingsFields);
            actions = List.copyOf(actions);
            channels = List.copyOf(channels);
            filters = List.copyOf(filters);
            listeners = List.copyOf(listeners);
        }
    }

    static PluginRegistry of(PluginGuard guard, Map<String, Installed> installed, Set<String> enabled, Map<String, Running> running) {
        Map<String, Running> started = new TreeMap<>(running);
        return new PluginRegistry(guard, Map.copyOf(installed), Set.copyOf(enabled), java.util.Collections.unmodifiableMap(started),
                started.values().stream().flatMap(r -> r.actions().stream()).toList(),
                started.values().stream().flatMap(r -> r.filters().stream())
                        .sorted(Comparator.comparingInt(PluginInboundFilter::order).thenComparing(PluginInboundFilter::name)).toList(),
                started.values().stream().flatMap(r -> r.listeners().stream()).toList(),
                started.values().stream().flatMap(r -> r.channels().stream()).sorted(Comparator.comparing(ChannelKind::kind)).toList(),
                // in plugin id order: with two assistants enabled, the first by id answers
                started.values().stream().flatMap(r -> r.assistants().stream()).toList());
    }

    PluginRegistry withGuard(PluginGuard newGuard) {
        return of(newGuard, installed, enabled, running);
    }

    PluginRegistry withInstalled(Installed plugin) {
        Map<String, Installed> changed = new LinkedHashMap<>(installed);
        changed.put(plugin.id(), plugin);
        return of(guard, changed, enabled, running);
    }

    PluginRegistry withoutInstalled(String id) {
        Map<String, Installed> changed = new LinkedHashMap<>(installed);
        changed.remove(id);
        return of(guard, changed, enabled, running);
    }

    PluginRegistry withEnabled(String id, boolean on) {
        Set<String> changed = new TreeSet<>(enabled);
        if (on) {
            changed.add(id);
        } else {
            changed.remove(id);
        }
        return of(guard, installed, changed, running);
    }

    PluginRegistry withRunning(String id, Running parts) {
        Map<String, Running> changed = new TreeMap<>(running);
        changed.put(id, parts);
        return of(guard, installed, enabled, changed);
    }

    PluginRegistry withoutRunning(String id) {
        Map<String, Running> changed = new TreeMap<>(running);
        changed.remove(id);
        return of(guard, installed, enabled, changed);
    }

    Optional<ChannelKind> channelKind(String kind) {
        return channelKinds.stream().filter(k -> k.kind().equals(kind)).findFirst();
    }
}
