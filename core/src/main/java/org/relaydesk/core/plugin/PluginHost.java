package org.relaydesk.core.plugin;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.pf4j.ClassLoadingStrategy;
import org.pf4j.DefaultPluginManager;
import org.pf4j.ManifestPluginDescriptorFinder;
import org.pf4j.PluginClassLoader;
import org.pf4j.PluginDescriptor;
import org.pf4j.PluginDescriptorFinder;
import org.pf4j.PluginLoader;
import org.pf4j.PluginState;
import org.pf4j.PluginStatusProvider;
import org.pf4j.PluginWrapper;
import org.relaydesk.api.workflow.ActionParameter;
import org.relaydesk.api.workflow.WorkflowAction;
import org.relaydesk.core.error.ConflictException;
import org.relaydesk.core.error.InvalidInputException;
import org.relaydesk.core.error.NotFoundException;
import org.relaydesk.core.persistence.Tenancy;

/**
 * The installation's plugins: jars in the plugins folder, loaded at start, each in a class loader
 * that sees the plugin API and the JDK only. System administrators install (upload), enable,
 * disable and remove them while the server runs; whether each is on is kept in the database. A
 * plugin's extensions (workflow actions and channel connector factories, listed in the plugin's META-INF/services) are
 * used only while it is enabled, and every call into them goes through the {@link PluginGuard}.
 */
@ApplicationScoped
public class PluginHost {
    /** Uploads are refused above this size. */
    public static final int MAX_JAR_BYTES = 10 * 1024 * 1024;
    private static final Logger LOG = Logger.getLogger(PluginHost.class.getName());

    @Inject
    Tenancy tenancy;

    @Inject
    @ConfigProperty(name = "relaydesk.plugins.dir")
    Optional<String> pluginsDir;

    @Inject
    @ConfigProperty(name = "relaydesk.plugins.call-timeout-seconds", defaultValue = "5")
    int callTimeoutSeconds;

    /** Off by default: plugins and channel accounts reach only public addresses (see OutboundAddressPolicy). */
    @Inject
    @ConfigProperty(name = org.relaydesk.core.net.OutboundAddressPolicy.ALLOW_PRIVATE_NETWORKS, defaultValue = "false")
    boolean allowPrivateNetworks;

    private org.relaydesk.core.net.OutboundAddressPolicy network;
    private PluginHttpClient http;

    private HostPluginManager manager;
    private PluginGuard guard;
    private final Set<String> enabled = new HashSet<>();
    private final Map<String, List<WorkflowAction>> actions = new HashMap<>();
    private final Map<String, List<ChannelKind>> channels = new HashMap<>();
    private final Map<String, List<PluginInboundFilter>> filters = new HashMap<>();
    private final Map<String, List<PluginTicketListener>> listeners = new HashMap<>();
    private final Map<String, List<org.relaydesk.api.host.PluginLifecycle>> lifecycles = new HashMap<>();
    private final Map<String, List<org.relaydesk.api.plugin.ConfigField>> settingsFields = new HashMap<>();

    @Inject
    org.relaydesk.core.persistence.SecretBox secrets;

    @jakarta.annotation.Resource(lookup = "java:app/jdbc/relaydesk")
    javax.sql.DataSource dataSource;

    /** What the admin panel and the API show of a plugin. */
    public record PluginInfo(String id, String version, String description, String provider, String requires, boolean enabled, String state,
            String health, long calls, long failures, String lastError, java.time.Instant pausedUntil, List<String> actions, List<String> channelKinds) {
    }

    /** Loads the folder's plugins and starts the enabled ones (at server start, after the schema is migrated). */
    @Transactional
    public synchronized void start() {
        if (pluginsDir.isEmpty() || pluginsDir.get().isBlank()) {
            LOG.info("No plugins folder is set (relaydesk.plugins.dir): plugins are off");
            return;
        }
        Path folder = folder();
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "The plugins folder " + folder + " cannot be created; no plugins are loaded", e);
            return;
        }
        guard = new PluginGuard(Duration.ofSeconds(callTimeoutSeconds), Duration.ofMinutes(1), Clock.systemUTC());
        network = new org.relaydesk.core.net.OutboundAddressPolicy(allowPrivateNetworks);
        http = new PluginHttpClient(network);
        if (allowPrivateNetworks) {
            LOG.warning(() -> org.relaydesk.core.net.OutboundAddressPolicy.ALLOW_PRIVATE_NETWORKS
                    + " is on: plugins and channel accounts may connect to loopback and private addresses");
        }
        enabled.clear();
        @SuppressWarnings("unchecked")
        List<Object> on = tenancy.sql("SELECT plugin_id FROM plugins WHERE enabled").getResultList();
        on.forEach(id -> enabled.add(id.toString()));
        manager = new HostPluginManager(folder);
        manager.loadPlugins();
        for (PluginWrapper plugin : manager.getPlugins()) {
            if (enabled.contains(plugin.getPluginId())) {
                startPlugin(plugin.getPluginId());
            }
        }
        LOG.info(() -> "Plugins in " + folder + ": " + manager.getPlugins().size() + " loaded, " + actions.size() + " enabled");
    }

    public synchronized List<PluginInfo> list() {
        if (manager == null) {
            return List.of();
        }
        return manager.getPlugins().stream().map(this::info).sorted(Comparator.comparing(PluginInfo::id)).toList();
    }

    public synchronized PluginInfo get(String id) {
        return info(require(id));
    }

    /**
     * Installs an uploaded jar (checked first: a bad one changes nothing). A plugin with the same id
     * is replaced; it stays enabled if it was.
     */
    @Transactional
    public synchronized PluginInfo install(byte[] jar) {
        requireStarted();
        if (jar.length > MAX_JAR_BYTES) {
            throw new InvalidInputException("plugin", "is larger than " + MAX_JAR_BYTES / (1024 * 1024) + " MB");
        }
        PluginJar descriptor = PluginJar.read(jar);
        Path target = folder().resolve(descriptor.id() + "-" + descriptor.version() + ".jar");
        Path upload = folder().resolve("." + descriptor.id() + ".upload");
        try {
            Files.write(upload, jar);
            PluginWrapper old = manager.getPlugin(descriptor.id());
            if (old != null) {
                stopPlugin(old.getPluginId());
                manager.unloadPlugin(old.getPluginId());
                if (!old.getPluginPath().equals(target)) {
                    Files.deleteIfExists(old.getPluginPath());
                }
            }
            Files.move(upload, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new IllegalStateException("The plugin could not be written to " + folder(), e);
        } finally {
            try {
                Files.deleteIfExists(upload);
            } catch (IOException e) {
                LOG.log(Level.FINE, "left an upload behind", e);
            }
        }
        String id;
        try {
            id = manager.loadPlugin(target);
        } catch (RuntimeException e) {
            try {
                Files.deleteIfExists(target);
            } catch (IOException cleanup) {
                LOG.log(Level.WARNING, "A plugin that could not be loaded was left in " + target, cleanup);
            }
            throw new InvalidInputException("plugin", "could not be loaded: " + e.getMessage());
        }
        if (enabled.contains(id)) {
            startPlugin(id);
        }
        LOG.info(() -> "Plugin " + id + " " + descriptor.version() + " installed");
        return info(require(id));
    }

    @Transactional
    public synchronized PluginInfo setEnabled(String id, boolean on, String by) {
        PluginWrapper plugin = require(id);
        tenancy.sql("INSERT INTO plugins (plugin_id, enabled, updated_at, updated_by) VALUES (?1, ?2, now(), ?3) "
                + "ON CONFLICT (plugin_id) DO UPDATE SET enabled = EXCLUDED.enabled, updated_at = now(), updated_by = EXCLUDED.updated_by")
                .setParameter(1, id).setParameter(2, on).setParameter(3, by).executeUpdate();
        if (on && enabled.contains(id) && plugin.getPluginState() == PluginState.STARTED) {
            return info(plugin); // enabling an enabled plugin changes nothing (its accounts keep their connections)
        }
        if (on) {
            enabled.add(id);
            startPlugin(id);
            if (plugin.getPluginState() != PluginState.STARTED) {
                enabled.remove(id);
                throw new ConflictException("Plugin " + id + " could not be started: "
                        + (plugin.getFailedException() == null ? "see the server log" : plugin.getFailedException().getMessage()));
            }
        } else {
            enabled.remove(id);
            stopPlugin(id);
        }
        return info(plugin);
    }

    /** Stops the plugin and deletes its jar; rules that use its actions fail with a clear reason until it is back. */
    @Transactional
    public synchronized void remove(String id) {
        PluginWrapper plugin = require(id);
        stopPlugin(id);
        Path jar = plugin.getPluginPath();
        manager.unloadPlugin(id);
        try {
            Files.deleteIfExists(jar);
        } catch (IOException e) {
            throw new IllegalStateException("The plugin's jar " + jar + " could not be deleted", e);
        }
        tenancy.sql("DELETE FROM plugins WHERE plugin_id = ?1").setParameter(1, id).executeUpdate();
        enabled.remove(id);
        guard.forget(id);
        LOG.info(() -> "Plugin " + id + " removed");
    }

    /** The workflow actions of the enabled plugins. */
    public synchronized List<WorkflowAction> workflowActions() {
        return actions.values().stream().flatMap(List::stream).toList();
    }

    /** Plugin id to "ok", "failing", "paused" or "disabled", for /health. */
    public synchronized Map<String, String> health() {
        Map<String, String> states = new java.util.TreeMap<>();
        if (manager == null) {
            return states;
        }
        list().forEach(p -> states.put(p.id(), p.enabled() ? p.health() : "disabled"));
        return states;
    }

    private void startPlugin(String id) {
        PluginState state = manager.startPlugin(id);
        if (state != PluginState.STARTED) {
            LOG.warning(() -> "Plugin " + id + " did not start: " + state);
            return;
        }
        List<org.relaydesk.api.host.PluginLifecycle> started = new ArrayList<>();
        settingsFields.remove(id);
        PluginHostServices services = new PluginHostServices(id, dataSource, java.time.Clock.systemUTC(), () -> settingsInClear(id), network, http);
        for (org.relaydesk.api.host.PluginLifecycle lifecycle : extensions(id, org.relaydesk.api.host.PluginLifecycle.class)) {
            try {
                List<org.relaydesk.api.plugin.ConfigField> declared = guard.call(id, lifecycle::settings, null);
                settingsFields.merge(id, declared == null ? List.of() : List.copyOf(declared), (a, b) -> {
                    List<org.relaydesk.api.plugin.ConfigField> both = new ArrayList<>(a);
                    both.addAll(b);
                    return List.copyOf(both);
                });
                guard.call(id, () -> {
                    lifecycle.start(services);
                    return null;
                }, null);
                started.add(lifecycle);
            } catch (Exception e) {
                LOG.log(Level.WARNING, "Plugin " + id + ": its start failed; its other parts run without it", e);
            }
        }
        lifecycles.put(id, List.copyOf(started));
        List<WorkflowAction> found = new ArrayList<>();
        for (WorkflowAction action : extensions(id, WorkflowAction.class)) {
            try {
                String actionId = guard.call(id, action::id, null);
                String label = guard.call(id, action::label, null);
                List<ActionParameter> parameters = guard.call(id, action::parameters, null);
                found.add(new PluginWorkflowAction(id, action, guard, actionId, label, parameters == null ? List.of() : parameters));
            } catch (Exception e) {
                LOG.log(Level.WARNING, "Plugin " + id + ": a workflow action could not be read and is left out", e);
            }
        }
        actions.put(id, List.copyOf(found));
        List<ChannelKind> kinds = new ArrayList<>();
        for (org.relaydesk.api.channel.ChannelConnectorFactory factory : extensions(id, org.relaydesk.api.channel.ChannelConnectorFactory.class)) {
            try {
                ChannelKind kind = new ChannelKind(id, factory, guard, services);
                if (channelKind(kind.kind()).filter(other -> !other.pluginId().equals(id)).isPresent()) {
                    LOG.warning(() -> "Plugin " + id + ": the channel kind " + kind.kind() + " is offered by another plugin already; left out");
                } else {
                    kinds.add(kind);
                }
            } catch (Exception e) {
                LOG.log(Level.WARNING, "Plugin " + id + ": a channel connector factory could not be read and is left out", e);
            }
        }
        channels.put(id, List.copyOf(kinds));
        List<PluginInboundFilter> inbound = new ArrayList<>();
        for (org.relaydesk.api.inbound.InboundFilter filter : extensions(id, org.relaydesk.api.inbound.InboundFilter.class)) {
            try {
                inbound.add(new PluginInboundFilter(id, filter, guard));
            } catch (Exception e) {
                LOG.log(Level.WARNING, "Plugin " + id + ": an inbound filter could not be read and is left out", e);
            }
        }
        filters.put(id, List.copyOf(inbound));
        listeners.put(id, extensions(id, org.relaydesk.api.event.TicketEventListener.class).stream()
                .map(listener -> new PluginTicketListener(id, listener, guard)).toList());
    }

    /** What the plugin's own settings form shows: its fields (while it runs), the values that are not secret, and which secrets are set. */
    public record PluginSettings(List<org.relaydesk.api.plugin.ConfigField> fields, Map<String, String> values, java.util.Set<String> secretsSet) {
    }

    /** Whether the plugin, running, declares settings of its own (no database read: the panel asks for every row). */
    public synchronized boolean hasSettings(String id) {
        return !settingsFields.getOrDefault(id, List.of()).isEmpty();
    }

    @Transactional
    public synchronized PluginSettings settings(String id) {
        require(id);
        List<org.relaydesk.api.plugin.ConfigField> fields = settingsFields.getOrDefault(id, List.of());
        Settings.View view = Settings.view(fields, storedSettings(id));
        return new PluginSettings(fields, view.visible(), view.secretsSet());
    }

    /** Saves the plugin's own settings (system administrator); a secret left blank keeps the stored one. */
    @Transactional
    public synchronized PluginSettings saveSettings(String id, Map<String, String> given, String by) {
        require(id);
        List<org.relaydesk.api.plugin.ConfigField> fields = settingsFields.get(id);
        if (fields == null) {
            throw new ConflictException("Plugin " + id + " is not running: enable it to see and change its settings");
        }
        org.relaydesk.core.error.InvalidInputException.Collector errors = new org.relaydesk.core.error.InvalidInputException.Collector();
        Map<String, String> values = Settings.merge(fields, given, storedSettings(id), (key, value) -> secrets.seal(value, "plugin:" + id + ":" + key),
                errors, "settings.", id);
        errors.throwIfAny();
        tenancy.sql("INSERT INTO plugins (plugin_id, enabled, updated_at, updated_by, settings) VALUES (?1, false, now(), ?2, CAST(?3 AS jsonb)) "
                + "ON CONFLICT (plugin_id) DO UPDATE SET settings = EXCLUDED.settings, updated_at = now(), updated_by = EXCLUDED.updated_by")
                .setParameter(1, id).setParameter(2, by).setParameter(3, Settings.json(values)).executeUpdate();
        return settings(id);
    }

    private Map<String, String> storedSettings(String id) {
        List<?> rows = tenancy.sql("SELECT CAST(settings AS text) FROM plugins WHERE plugin_id = ?1").setParameter(1, id).getResultList();
        return rows.isEmpty() ? Map.of() : Settings.parse(rows.get(0).toString());
    }

    /** For the plugin's HostServices: read on its own thread with plain JDBC, secrets opened. */
    private Map<String, String> settingsInClear(String id) {
        String json = "{}";
        try (java.sql.Connection connection = dataSource.getConnection();
             java.sql.PreparedStatement statement = connection.prepareStatement("SELECT CAST(settings AS text) FROM plugins WHERE plugin_id = ?")) {
            statement.setString(1, id);
            try (java.sql.ResultSet row = statement.executeQuery()) {
                if (row.next()) {
                    json = row.getString(1);
                }
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("the plugin's settings cannot be read: " + e.getMessage(), e);
        }
        Map<String, String> values = new java.util.LinkedHashMap<>();
        Settings.parse(json).forEach((key, value) -> values.put(key, org.relaydesk.core.persistence.SecretBox.isSealed(value)
                ? secrets.open(value, "plugin:" + id + ":" + key) : value));
        return Map.copyOf(values);
    }

    /** The enabled plugins' inbound filters, in the order they run (lowest first; ties by name). */
    public synchronized List<PluginInboundFilter> inboundFilters() {
        return filters.values().stream().flatMap(List::stream)
                .sorted(Comparator.comparingInt(PluginInboundFilter::order).thenComparing(PluginInboundFilter::name)).toList();
    }

    /** The enabled plugins' ticket listeners. */
    synchronized List<PluginTicketListener> ticketListeners() {
        return listeners.values().stream().flatMap(List::stream).toList();
    }

    /** The channel kinds of the enabled plugins. */
    public synchronized List<ChannelKind> channelKinds() {
        return channels.values().stream().flatMap(List::stream).sorted(Comparator.comparing(ChannelKind::kind)).toList();
    }

    public synchronized Optional<ChannelKind> channelKind(String kind) {
        return channels.values().stream().flatMap(List::stream).filter(k -> k.kind().equals(kind)).findFirst();
    }

    /**
     * The plugin's implementations of an extension point, as its META-INF/services file lists them
     * (the standard Java way, so a plugin needs nothing but plugin-api), each made through the guard.
     */
    private <T> List<T> extensions(String id, Class<T> point) {
        ClassLoader loader = manager.getPlugin(id).getPluginClassLoader();
        List<T> found = new ArrayList<>();
        List<String> names = new ArrayList<>();
        try {
            var files = loader.getResources("META-INF/services/" + point.getName());
            while (files.hasMoreElements()) {
                try (var in = files.nextElement().openStream()) {
                    for (String line : new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).split("\\R")) {
                        String name = line.replaceAll("#.*", "").trim();
                        if (!name.isEmpty()) {
                            names.add(name);
                        }
                    }
                }
            }
        } catch (IOException e) {
            LOG.log(Level.WARNING, "Plugin " + id + ": its " + point.getSimpleName() + " list cannot be read", e);
        }
        for (String name : names) {
            try {
                Class<?> type = Class.forName(name, false, loader);
                if (!point.isAssignableFrom(type)) {
                    LOG.warning(() -> "Plugin " + id + ": " + name + " is listed as a " + point.getSimpleName() + " but is not one");
                    continue;
                }
                found.add(point.cast(guard.call(id, () -> type.getDeclaredConstructor().newInstance(), null)));
            } catch (Exception | LinkageError e) {
                LOG.log(Level.WARNING, "Plugin " + id + ": " + name + " could not be made and is left out", e);
            }
        }
        return found;
    }

    private void stopPlugin(String id) {
        actions.remove(id);
        channels.remove(id);
        filters.remove(id);
        listeners.remove(id);
        for (org.relaydesk.api.host.PluginLifecycle lifecycle : lifecycles.getOrDefault(id, List.of())) {
            try {
                guard.call(id, () -> {
                    lifecycle.stop();
                    return null;
                }, null);
            } catch (Exception e) {
                LOG.log(Level.WARNING, "Plugin " + id + ": its stop failed", e);
            }
        }
        lifecycles.remove(id);
        if (manager.getPlugin(id) != null && manager.getPlugin(id).getPluginState() == PluginState.STARTED) {
            manager.stopPlugin(id);
        }
    }

    private PluginInfo info(PluginWrapper plugin) {
        PluginDescriptor d = plugin.getDescriptor();
        PluginGuard.Health h = guard.health(plugin.getPluginId());
        boolean on = enabled.contains(plugin.getPluginId());
        return new PluginInfo(d.getPluginId(), d.getVersion(), d.getPluginDescription(), d.getProvider(), d.getRequires(), on,
                plugin.getPluginState().toString().toLowerCase(java.util.Locale.ROOT), h.state(java.time.Instant.now()), h.calls(), h.failures(),
                h.lastError(), h.pausedUntil(), actions.getOrDefault(plugin.getPluginId(), List.of()).stream().map(WorkflowAction::id).toList(),
                channels.getOrDefault(plugin.getPluginId(), List.of()).stream().map(ChannelKind::kind).toList());
    }

    private PluginWrapper require(String id) {
        requireStarted();
        PluginWrapper plugin = id == null ? null : manager.getPlugin(id);
        if (plugin == null) {
            throw new NotFoundException("Plugin");
        }
        return plugin;
    }

    private void requireStarted() {
        if (manager == null) {
            throw new ConflictException("The plugin host is not running (see the server log)");
        }
    }

    private Path folder() {
        return Path.of(pluginsDir.orElseThrow()).toAbsolutePath().normalize();
    }

    /** PF4J as the host uses it: jars only, the descriptor from the MANIFEST, no Plugin-Class, our class loader. */
    private final class HostPluginManager extends DefaultPluginManager {
        HostPluginManager(Path folder) {
            super(folder);
            setSystemVersion(org.relaydesk.api.PluginApi.VERSION);
        }

        @Override
        protected PluginDescriptorFinder createPluginDescriptorFinder() {
            return new ManifestPluginDescriptorFinder();
        }

        @Override
        protected org.pf4j.PluginFactory createPluginFactory() {
            // plugins declare no Plugin-Class (that would tie them to PF4J): their extensions are all
            return wrapper -> new org.pf4j.Plugin() {
            };
        }

        @Override
        protected PluginStatusProvider createPluginStatusProvider() {
            // on or off is the host's decision (the plugins table); PF4J only loads
            return new PluginStatusProvider() {
                public boolean isPluginDisabled(String pluginId) {
                    return false;
                }

                public void disablePlugin(String pluginId) {
                    // kept by PluginHost
                }

                public void enablePlugin(String pluginId) {
                    // kept by PluginHost
                }
            };
        }

        @Override
        protected PluginLoader createPluginLoader() {
            ClassLoader parent = new ApiOnlyClassLoader(PluginHost.class.getClassLoader());
            return new PluginLoader() {
                public boolean isApplicable(Path path) {
                    return Files.isRegularFile(path) && path.getFileName().toString().endsWith(".jar");
                }

                public ClassLoader loadPlugin(Path path, PluginDescriptor descriptor) {
                    PluginClassLoader loader = new PluginClassLoader(HostPluginManager.this, descriptor, parent, ClassLoadingStrategy.PDA);
                    loader.addFile(path.toFile());
                    return loader;
                }
            };
        }
    }
}
