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
import org.relaydesk.core.error.PermissionDeniedException;
import org.relaydesk.core.persistence.Tenancy;

/**
 * The installation's plugins: jars in the plugins folder, loaded at start, each in a class loader
 * that sees the plugin API and the JDK only. System administrators install (upload, when the
 * operator allows it), enable, disable and remove them while the server runs; whether each is on is
 * kept in the database. A plugin's extensions (listed in the plugin's META-INF/services) are used
 * only while it is enabled, and every call into them goes through the {@link PluginGuard}.
 * <p>
 * What the host knows is an immutable {@link PluginRegistry}, swapped whole after each change: the
 * ticket-change, filing and rule paths read it without any lock, so a plugin whose code hangs while
 * it is started or stopped delays no reader. Changes (start, install, enable, disable, remove) take
 * turns on a lock of their own that no reader takes.
 */
@ApplicationScoped
public class PluginHost {
    /** Uploads are refused above this size. */
    public static final int MAX_JAR_BYTES = 10 * 1024 * 1024;
    /** The extension points a plugin may offer; a jar offering none of them is refused. */
    static final List<Class<?>> EXTENSION_POINTS = List.of(org.relaydesk.api.host.PluginLifecycle.class, WorkflowAction.class,
            org.relaydesk.api.channel.ChannelConnectorFactory.class, org.relaydesk.api.inbound.InboundFilter.class,
            org.relaydesk.api.event.TicketEventListener.class);
    private static final Logger LOG = Logger.getLogger(PluginHost.class.getName());
    private static final String STAGING = ".staging";

    @Inject
    jakarta.enterprise.event.Event<org.relaydesk.core.audit.Audited> audit;

    /** Records a change of the installation's plugins in the audit log (of the system administrator's workspace). */
    private void record(org.relaydesk.core.audit.Audited event) {
        if (audit != null) { // unit tests make the host without CDI
            audit.fire(event);
        }
    }

    @Inject
    Tenancy tenancy;

    @Inject
    jakarta.enterprise.event.Event<PluginSwitched> switched;

    @Inject
    @ConfigProperty(name = "relaydesk.plugins.dir")
    Optional<String> pluginsDir;

    @Inject
    @ConfigProperty(name = "relaydesk.plugins.web-request-calls-per-account", defaultValue = "" + PluginGuard.DEFAULT_WEB_REQUEST_CALLS)
    int webRequestCallsPerAccount;

    @Inject
    @ConfigProperty(name = "relaydesk.plugins.call-timeout-seconds", defaultValue = "5")
    int callTimeoutSeconds;

    /** Off by default: plugins and channel accounts reach only public addresses (see OutboundAddressPolicy). */
    @Inject
    @ConfigProperty(name = org.relaydesk.core.net.OutboundAddressPolicy.ALLOW_PRIVATE_NETWORKS, defaultValue = "false")
    boolean allowPrivateNetworks;

    private org.relaydesk.core.net.OutboundAddressPolicy network;
    private PluginHttpClient http;

    /** Off unless the operator turns it on: an uploaded plugin runs with all of the server's rights. */
    @Inject
    @ConfigProperty(name = "relaydesk.plugins.upload-enabled", defaultValue = "false")
    boolean uploadEnabled;

    @Inject
    @ConfigProperty(name = "relaydesk.plugins.allowed-sha256")
    Optional<String> allowedSha256;

    @Inject
    org.relaydesk.core.persistence.SecretBox secrets;

    @jakarta.annotation.Resource(lookup = "java:app/jdbc/relaydesk")
    javax.sql.DataSource dataSource;

    /** Taken by changes only; never by a reader. */
    private final Object changes = new Object();
    private volatile PluginRegistry registry = PluginRegistry.EMPTY;
    /** PF4J's manager is not thread-safe: touched only while holding {@link #changes}. */
    private HostPluginManager manager;
    private PluginChecksums checksums = PluginChecksums.of(Optional.empty());

    /** What the admin panel and the API show of a plugin. */
    public record PluginInfo(String id, String version, String description, String provider, String requires, boolean enabled, String state,
            String health, long calls, long failures, String lastError, java.time.Instant pausedUntil, List<String> actions, List<String> channelKinds,
            String sha256) {
    }

    /** Loads the folder's plugins and starts the enabled ones (at server start, after the schema is migrated). */
    @Transactional
    public void start() {
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
        network = new org.relaydesk.core.net.OutboundAddressPolicy(allowPrivateNetworks);
        http = new PluginHttpClient(network);
        if (allowPrivateNetworks) {
            LOG.warning(() -> org.relaydesk.core.net.OutboundAddressPolicy.ALLOW_PRIVATE_NETWORKS
                    + " is on: plugins and channel accounts may connect to loopback and private addresses");
        }
        synchronized (changes) {
            checksums = PluginChecksums.of(allowedSha256);
            if (!checksums.malformed().isEmpty()) {
                LOG.warning(() -> "relaydesk.plugins.allowed-sha256 has entries that are not SHA-256 checksums (64 hex digits); they match no jar: "
                        + checksums.malformed());
            }
            Set<String> on = new HashSet<>();
            @SuppressWarnings("unchecked")
            List<Object> rows = tenancy.sql("SELECT plugin_id FROM plugins WHERE enabled").getResultList();
            rows.forEach(id -> on.add(id.toString()));
            manager = new HostPluginManager(folder);
            registry = PluginRegistry.of(new PluginGuard(Duration.ofSeconds(callTimeoutSeconds), Duration.ofMinutes(1), 1,
                    Math.max(1, webRequestCallsPerAccount), Clock.systemUTC()),
                    Map.of(), on, Map.of());
            for (Path jar : jarsIn(folder)) {
                loadFromFolder(jar);
            }
            for (String id : registry.installed().keySet()) {
                if (on.contains(id)) {
                    startPlugin(id);
                }
            }
            PluginRegistry loaded = registry;
            LOG.info(() -> "Plugins in " + folder + ": " + loaded.installed().size() + " loaded, " + loaded.running().size() + " enabled"
                    + (checksums.restricts() ? " (only jars on relaydesk.plugins.allowed-sha256)" : "")
                    + (uploadEnabled ? "; uploads are on" : "; uploads are off"));
        }
    }

    private static List<Path> jarsIn(Path folder) {
        try (var files = Files.list(folder)) {
            return files.filter(Files::isRegularFile).filter(p -> p.getFileName().toString().endsWith(".jar")).sorted().toList();
        } catch (IOException e) {
            LOG.log(Level.WARNING, "The plugins folder " + folder + " cannot be read; no plugins are loaded", e);
            return List.of();
        }
    }

    private void loadFromFolder(Path jar) {
        try {
            JarSum sum;
            if (checksums.restricts()) {
                String pinned = PluginChecksums.sha256(jar);
                if (!checksums.allows(pinned)) {
                    LOG.warning(() -> "Plugin jar " + jar + " is not loaded: its SHA-256 " + pinned + " is not in relaydesk.plugins.allowed-sha256");
                    return;
                }
                sum = JarSum.known(pinned);
            } else {
                sum = JarSum.whenAsked(jar);
            }
            String id = manager.loadPlugin(jar);
            registry = registry.withInstalled(installed(id, sum));
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "Plugin jar " + jar + " could not be loaded", e);
        }
    }

    /** Whether the operator allows plugin uploads (relaydesk.plugins.upload-enabled). */
    public boolean uploadsEnabled() {
        return uploadEnabled;
    }

    /** Refuses (403) when uploads are off, before anything is read or written. */
    public void requireUploadsEnabled() {
        if (!uploadEnabled) {
            throw new PermissionDeniedException("Plugin uploads are off on this installation: a plugin runs with all of the server's rights. "
                    + "The operator can put plugin jars into the plugins folder, or turn uploads on with relaydesk.plugins.upload-enabled=true");
        }
    }

    @org.relaydesk.core.access.RequiresRole(org.relaydesk.core.user.Role.ADMIN)
    public List<PluginInfo> list() {
        PluginRegistry now = registry;
        return now.installed().values().stream().map(p -> info(p, now)).sorted(Comparator.comparing(PluginInfo::id)).toList();
    }

    @org.relaydesk.core.access.RequiresRole(org.relaydesk.core.user.Role.ADMIN)
    public PluginInfo get(String id) {
        PluginRegistry now = registry;
        return info(require(now, id), now);
    }

    /**
     * Installs an uploaded jar. It is checked first and proved to load (descriptor, API range, the
     * extensions it lists) beside the version in use; only then is the old version stopped and
     * replaced. A jar that fails anywhere changes nothing: the old version keeps working. A plugin
     * with the same id stays enabled if it was.
     */
    @Transactional
    @org.relaydesk.core.access.RequiresRole(systemAdmin = true)
    public PluginInfo install(byte[] jar) {
        requireUploadsEnabled();
        if (jar.length > MAX_JAR_BYTES) {
            throw new InvalidInputException("plugin", "is larger than " + MAX_JAR_BYTES / (1024 * 1024) + " MB");
        }
        PluginJar descriptor = PluginJar.read(jar);
        String sum = PluginChecksums.sha256(jar);
        synchronized (changes) {
            requireStarted(registry);
            if (!checksums.allows(sum)) {
                throw new PermissionDeniedException("This jar's SHA-256 (" + sum + ") is not in relaydesk.plugins.allowed-sha256: "
                        + "the operator allows only the plugins listed there");
            }
            Path staging = folder().resolve(STAGING);
            Path staged = staging.resolve(descriptor.id() + "-" + descriptor.version() + ".jar");
            try {
                Files.createDirectories(staging);
                Files.write(staged, jar);
                prove(staging, staged, descriptor);
                PluginInfo installed = swapIn(staged, descriptor, sum);
                LOG.info(() -> "Plugin " + descriptor.id() + " " + descriptor.version() + " installed (SHA-256 " + sum + ")");
                record(org.relaydesk.core.audit.Audited.of(null, org.relaydesk.core.audit.AuditAction.PLUGIN_INSTALLED, "plugin", descriptor.id(),
                        descriptor.id()).changed(null, "version " + descriptor.version() + ", SHA-256 " + sum));
                return installed;
            } catch (IOException e) {
                throw new IllegalStateException("The plugin could not be written to " + folder(), e);
            } finally {
                try {
                    Files.deleteIfExists(staged);
                } catch (IOException e) {
                    LOG.log(Level.FINE, "left a staged upload behind", e);
                }
            }
        }
    }

    /**
     * Loads the staged jar in a manager of its own (so the version in use stays loaded) and checks
     * that what its META-INF/services lists loads and implements this host's extension points;
     * no plugin code runs (the classes are not initialised).
     */
    private void prove(Path staging, Path staged, PluginJar descriptor) {
        HostPluginManager trial = new HostPluginManager(staging);
        String id;
        try {
            id = trial.loadPlugin(staged);
        } catch (RuntimeException e) {
            throw new InvalidInputException("plugin", "could not be loaded: " + e.getMessage());
        }
        try {
            PluginWrapper plugin = trial.getPlugin(id);
            if (plugin == null || !descriptor.id().equals(id)) {
                throw new InvalidInputException("plugin", "could not be loaded (its descriptor names " + id + ")");
            }
            int found = 0;
            for (Class<?> point : EXTENSION_POINTS) {
                for (String name : serviceNames(id, plugin.getPluginClassLoader(), point)) {
                    Class<?> type;
                    try {
                        type = Class.forName(name, false, plugin.getPluginClassLoader());
                    } catch (ClassNotFoundException | LinkageError e) {
                        throw new InvalidInputException("plugin", name + ", listed as a " + point.getSimpleName() + ", cannot be loaded: " + e);
                    }
                    if (!point.isAssignableFrom(type)) {
                        throw new InvalidInputException("plugin", name + " is listed as a " + point.getSimpleName()
                                + " but is not one of this server's (does the jar carry its own copy of plugin-api?)");
                    }
                    found++;
                }
            }
            if (found == 0) {
                throw new InvalidInputException("plugin", "offers no extension: its META-INF/services lists none of "
                        + EXTENSION_POINTS.stream().map(Class::getSimpleName).toList());
            }
        } finally {
            trial.unloadPlugin(id);
        }
    }

    /** Stops and unloads the version in use, moves the proved jar in and loads it; on any failure puts the old version back. */
    private PluginInfo swapIn(Path staged, PluginJar descriptor, String sum) throws IOException {
        String id = descriptor.id();
        Path target = folder().resolve(id + "-" + descriptor.version() + ".jar");
        Path backup = folder().resolve(STAGING).resolve(id + ".previous");
        Files.deleteIfExists(backup); // left by a crash: the jar in use is in the folder
        PluginWrapper old = manager.getPlugin(id);
        Path oldPath = old == null ? null : old.getPluginPath();
        JarSum oldSum = Optional.ofNullable(registry.installed().get(id)).map(PluginRegistry.Installed::sum).orElse(null);
        boolean on = registry.enabled().contains(id);
        String problem = null;
        try {
            if (old != null) {
                stopPlugin(id);
                manager.unloadPlugin(id);
                Files.move(oldPath, backup, StandardCopyOption.REPLACE_EXISTING);
            }
            Files.move(staged, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            registry.guard().forget(id); // a new version starts with a clean record
            manager.loadPlugin(target);
            registry = registry.withInstalled(installed(id, JarSum.known(sum)));
            if (on && !startPlugin(id)) {
                problem = "could not be started";
            }
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "Plugin " + id + " " + descriptor.version() + " could not replace the installed version", e);
            problem = "could not be installed: " + e.getMessage();
        }
        if (problem == null) {
            Files.deleteIfExists(backup);
            return info(registry.installed().get(id), registry);
        }
        putBack(id, target, backup, oldPath, oldSum, on);
        throw new ConflictException("Plugin " + id + " " + descriptor.version() + " " + problem
                + (old == null ? "" : "; the version installed before keeps running") + " (see the server log)");
    }

    /** Undoes a swap that failed part-way: the new jar out, the old one back in its place, loaded and (if it was) started. */
    private void putBack(String id, Path target, Path backup, Path oldPath, JarSum oldSum, boolean on) throws IOException {
        if (manager.getPlugin(id) != null) {
            stopPlugin(id);
            manager.unloadPlugin(id);
        }
        boolean oldSaved = oldPath != null && Files.exists(backup);
        if (oldSaved || !target.equals(oldPath)) {
            Files.deleteIfExists(target); // (not when the old jar never left the very same path)
        }
        if (oldSaved) {
            Files.move(backup, oldPath, StandardCopyOption.REPLACE_EXISTING);
        }
        registry = registry.withoutInstalled(id);
        if (oldPath == null) {
            return;
        }
        manager.loadPlugin(oldPath);
        registry = registry.withInstalled(installed(id, oldSum));
        if (on) {
            startPlugin(id);
        }
    }

    @Transactional
    @org.relaydesk.core.access.RequiresRole(systemAdmin = true)
    public PluginInfo setEnabled(String id, boolean on, String by) {
        announce(new PluginSwitched(id, on));
        synchronized (changes) {
            require(registry, id);
            tenancy.sql("INSERT INTO plugins (plugin_id, enabled, updated_at, updated_by) VALUES (?1, ?2, now(), ?3) "
                    + "ON CONFLICT (plugin_id) DO UPDATE SET enabled = EXCLUDED.enabled, updated_at = now(), updated_by = EXCLUDED.updated_by")
                    .setParameter(1, id).setParameter(2, on).setParameter(3, by).executeUpdate();
            if (on && registry.enabled().contains(id) && registry.running().containsKey(id)) {
                return info(registry.installed().get(id), registry); // enabling an enabled plugin changes nothing (its accounts keep their connections)
            }
            if (on) {
                registry = registry.withEnabled(id, true);
                if (!startPlugin(id)) {
                    registry = registry.withEnabled(id, false);
                    PluginWrapper plugin = manager.getPlugin(id);
                    throw new ConflictException("Plugin " + id + " could not be started: "
                            + (plugin == null || plugin.getFailedException() == null ? "see the server log" : plugin.getFailedException().getMessage()));
                }
            } else {
                registry = registry.withEnabled(id, false);
                stopPlugin(id);
            }
            record(org.relaydesk.core.audit.Audited.of(null, on ? org.relaydesk.core.audit.AuditAction.PLUGIN_ENABLED
                    : org.relaydesk.core.audit.AuditAction.PLUGIN_DISABLED, "plugin", id, id));
            return info(registry.installed().get(id), registry);
        }
    }

    /**
     * Another node of the cluster enabled, disabled or removed a plugin: this node starts or stops its own copy as the
     * database now says (the switch has committed there). A plugin that is not installed here is left to the operator,
     * who installs the same jars on every node; this node's log says so.
     */
    @Transactional
    public void followSwitch(PluginSwitched elsewhere) {
        synchronized (changes) {
            if (manager == null) {
                return; // plugins are off on this node
            }
            String id = elsewhere.pluginId();
            if (!registry.installed().containsKey(id)) {
                LOG.warning(() -> "Plugin " + id + " was " + (elsewhere.enabled() ? "enabled" : "disabled or removed")
                        + " on another node of the cluster but is not installed on this one: install the same plugins on every node");
                return;
            }
            follow(id);
        }
    }

    /**
     * Every installed plugin runs here exactly when the database says it is enabled: in a cluster, run every half
     * minute, so that a switch whose news was lost (a node starting, a network split) is followed all the same.
     */
    @Transactional
    public void followDatabase() {
        synchronized (changes) {
            if (manager == null) {
                return;
            }
            registry.installed().keySet().forEach(this::follow);
        }
    }

    /** Heard by the cluster relay after the switch commits. */
    private void announce(PluginSwitched change) {
        if (switched != null) { // null only in unit tests that make the host by hand
            switched.fire(change);
        }
    }

    private void follow(String id) {
        List<?> rows = tenancy.sql("SELECT enabled FROM plugins WHERE plugin_id = ?1").setParameter(1, id).getResultList();
        boolean on = !rows.isEmpty() && Boolean.TRUE.equals(rows.get(0));
        boolean runningHere = registry.enabled().contains(id) && registry.running().containsKey(id);
        if (on && !registry.enabled().contains(id)) {
            registry = registry.withEnabled(id, true);
            if (!startPlugin(id)) {
                registry = registry.withEnabled(id, false);
                LOG.warning(() -> "Plugin " + id + " is enabled in the database (switched on another node) but could not be started on this one");
            } else {
                LOG.info(() -> "Plugin " + id + " started: it was enabled on another node of the cluster");
            }
        } else if (!on && (registry.enabled().contains(id) || runningHere)) {
            registry = registry.withEnabled(id, false);
            stopPlugin(id);
            LOG.info(() -> "Plugin " + id + " stopped: it was disabled or removed on another node of the cluster");
        }
    }

    /** Stops the plugin and deletes its jar; rules that use its actions fail with a clear reason until it is back. */
    @Transactional
    @org.relaydesk.core.access.RequiresRole(systemAdmin = true)
    public void remove(String id) {
        synchronized (changes) {
            require(registry, id);
            stopPlugin(id);
            Path jar = manager.getPlugin(id).getPluginPath();
            manager.unloadPlugin(id);
            try {
                Files.deleteIfExists(jar);
            } catch (IOException e) {
                throw new IllegalStateException("The plugin's jar " + jar + " could not be deleted", e);
            }
            tenancy.sql("DELETE FROM plugins WHERE plugin_id = ?1").setParameter(1, id).executeUpdate();
            announce(new PluginSwitched(id, false)); // the other nodes of a cluster stop their copy
            registry = registry.withoutInstalled(id).withEnabled(id, false);
            registry.guard().forget(id);
            LOG.info(() -> "Plugin " + id + " removed");
            record(org.relaydesk.core.audit.Audited.of(null, org.relaydesk.core.audit.AuditAction.PLUGIN_REMOVED, "plugin", id, id));
        }
    }

    /** The assistant of the enabled plugins (the first by plugin id when several offer one), if any. */
    public Optional<PluginAssistant> assistant() {
        return registry.assistants().stream().findFirst();
    }

    /** The workflow actions of the enabled plugins. */
    public List<WorkflowAction> workflowActions() {
        return registry.workflowActions();
    }

    /** Plugin id to "ok", "failing", "paused" or "disabled", for /health. */
    public Map<String, String> health() {
        Map<String, String> states = new java.util.TreeMap<>();
        list().forEach(p -> states.put(p.id(), p.enabled() ? p.health() : "disabled"));
        return states;
    }

    /**
     * Starts a loaded plugin and reads its parts (through the guard), then publishes them. Holding
     * {@link #changes}: plugin code runs here, but no reader waits for it.
     */
    private boolean startPlugin(String id) {
        PluginState state = manager.startPlugin(id);
        registry = registry.withInstalled(installed(id, registry.installed().get(id).sum()));
        if (state != PluginState.STARTED) {
            LOG.warning(() -> "Plugin " + id + " did not start: " + state);
            return false;
        }
        PluginGuard guard = registry.guard();
        List<org.relaydesk.api.host.PluginLifecycle> started = new ArrayList<>();
        List<org.relaydesk.api.plugin.ConfigField> fields = new ArrayList<>();
        // only a plugin that offers an assistant reads the workspaces' articles and solved tickets
        boolean assists = !serviceNames(id, manager.getPlugin(id).getPluginClassLoader(), org.relaydesk.api.assist.AssistProvider.class).isEmpty();
        PluginHostServices services = new PluginHostServices(id, dataSource, java.time.Clock.systemUTC(), () -> settingsInClear(id), network, http,
                assists);
        for (org.relaydesk.api.host.PluginLifecycle lifecycle : extensions(id, org.relaydesk.api.host.PluginLifecycle.class)) {
            try {
                List<org.relaydesk.api.plugin.ConfigField> declared = guard.call(id, lifecycle::settings, null);
                if (declared != null) {
                    fields.addAll(declared);
                }
                guard.call(id, () -> {
                    lifecycle.start(services);
                    return null;
                }, null);
                started.add(lifecycle);
            } catch (Exception e) {
                LOG.log(Level.WARNING, "Plugin " + id + ": its start failed; its other parts run without it", e);
            }
        }
        List<WorkflowAction> actions = new ArrayList<>();
        for (WorkflowAction action : extensions(id, WorkflowAction.class)) {
            try {
                String actionId = guard.call(id, action::id, null);
                String label = guard.call(id, action::label, null);
                List<ActionParameter> parameters = guard.call(id, action::parameters, null);
                actions.add(new PluginWorkflowAction(id, action, guard, actionId, label, parameters == null ? List.of() : parameters));
            } catch (Exception e) {
                LOG.log(Level.WARNING, "Plugin " + id + ": a workflow action could not be read and is left out", e);
            }
        }
        List<ChannelKind> kinds = new ArrayList<>();
        for (org.relaydesk.api.channel.ChannelConnectorFactory factory : extensions(id, org.relaydesk.api.channel.ChannelConnectorFactory.class)) {
            try {
                ChannelKind kind = new ChannelKind(id, factory, guard, services);
                if (registry.channelKind(kind.kind()).filter(other -> !other.pluginId().equals(id)).isPresent()) {
                    LOG.warning(() -> "Plugin " + id + ": the channel kind " + kind.kind() + " is offered by another plugin already; left out");
                } else {
                    kinds.add(kind);
                }
            } catch (Exception e) {
                LOG.log(Level.WARNING, "Plugin " + id + ": a channel connector factory could not be read and is left out", e);
            }
        }
        List<PluginInboundFilter> inbound = new ArrayList<>();
        for (org.relaydesk.api.inbound.InboundFilter filter : extensions(id, org.relaydesk.api.inbound.InboundFilter.class)) {
            try {
                inbound.add(new PluginInboundFilter(id, filter, guard));
            } catch (Exception e) {
                LOG.log(Level.WARNING, "Plugin " + id + ": an inbound filter could not be read and is left out", e);
            }
        }
        List<PluginTicketListener> listeners = extensions(id, org.relaydesk.api.event.TicketEventListener.class).stream()
                .map(listener -> new PluginTicketListener(id, listener, guard)).toList();
        List<PluginAssistant> assistants = extensions(id, org.relaydesk.api.assist.AssistProvider.class).stream()
                .map(provider -> new PluginAssistant(id, provider, guard)).toList();
        registry = registry.withRunning(id, new PluginRegistry.Running(started, fields, actions, kinds, inbound, listeners, assistants));
        return true;
    }

    /** What the plugin's own settings form shows: its fields (while it runs), the values that are not secret, and which secrets are set. */
    public record PluginSettings(List<org.relaydesk.api.plugin.ConfigField> fields, Map<String, String> values, java.util.Set<String> secretsSet) {
    }

    /** Whether the plugin, running, declares settings of its own (no database read: the panel asks for every row). */
    public boolean hasSettings(String id) {
        PluginRegistry.Running running = registry.running().get(id);
        return running != null && !running.settingsFields().isEmpty();
    }

    @Transactional
    @org.relaydesk.core.access.RequiresRole(systemAdmin = true)
    public PluginSettings settings(String id) {
        PluginRegistry now = registry;
        require(now, id);
        PluginRegistry.Running running = now.running().get(id);
        List<org.relaydesk.api.plugin.ConfigField> fields = running == null ? List.of() : running.settingsFields();
        Settings.View view = Settings.view(fields, storedSettings(id));
        return new PluginSettings(fields, view.visible(), view.secretsSet());
    }

    /** Saves the plugin's own settings (system administrator); a secret left blank keeps the stored one. */
    @Transactional
    @org.relaydesk.core.access.RequiresRole(systemAdmin = true)
    public PluginSettings saveSettings(String id, Map<String, String> given, String by) {
        PluginRegistry now = registry;
        require(now, id);
        PluginRegistry.Running running = now.running().get(id);
        if (running == null) {
            throw new ConflictException("Plugin " + id + " is not running: enable it to see and change its settings");
        }
        List<org.relaydesk.api.plugin.ConfigField> fields = running.settingsFields();
        org.relaydesk.core.error.InvalidInputException.Collector errors = new org.relaydesk.core.error.InvalidInputException.Collector();
        Map<String, String> values = Settings.merge(fields, given, storedSettings(id), (key, value) -> secrets.seal(value, "plugin:" + id + ":" + key),
                errors, "settings.", id);
        errors.throwIfAny();
        tenancy.sql("INSERT INTO plugins (plugin_id, enabled, updated_at, updated_by, settings) VALUES (?1, false, now(), ?2, CAST(?3 AS jsonb)) "
                + "ON CONFLICT (plugin_id) DO UPDATE SET settings = EXCLUDED.settings, updated_at = now(), updated_by = EXCLUDED.updated_by")
                .setParameter(1, id).setParameter(2, by).setParameter(3, Settings.json(values)).executeUpdate();
        // which settings were given, never their values (some are secrets)
        record(org.relaydesk.core.audit.Audited.of(null, org.relaydesk.core.audit.AuditAction.PLUGIN_SETTINGS_CHANGED, "plugin", id, id)
                .changed(null, "settings saved: " + (given == null ? "[]" : new java.util.TreeSet<>(given.keySet()))));
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
    public List<PluginInboundFilter> inboundFilters() {
        return registry.inboundFilters();
    }

    /** The enabled plugins' ticket listeners. */
    List<PluginTicketListener> ticketListeners() {
        return registry.ticketListeners();
    }

    /** The channel kinds of the enabled plugins. */
    public List<ChannelKind> channelKinds() {
        return registry.channelKinds();
    }

    public Optional<ChannelKind> channelKind(String kind) {
        return registry.channelKind(kind);
    }

    /** The class names a plugin's META-INF/services file lists for an extension point. */
    private static List<String> serviceNames(String id, ClassLoader loader, Class<?> point) {
        List<String> names = new ArrayList<>();
        try {
            var files = loader.getResources("META-INF/services/" + point.getName());
            while (files.hasMoreElements()) {
                // uncached: a jar: URL's default cache would hand back the file a replaced jar had at the same path
                java.net.URLConnection connection = files.nextElement().openConnection();
                connection.setUseCaches(false);
                try (var in = connection.getInputStream()) {
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
        return names;
    }

    /**
     * The plugin's implementations of an extension point, as its META-INF/services file lists them
     * (the standard Java way, so a plugin needs nothing but plugin-api), each made through the guard.
     */
    private <T> List<T> extensions(String id, Class<T> point) {
        ClassLoader loader = manager.getPlugin(id).getPluginClassLoader();
        List<T> found = new ArrayList<>();
        for (String name : serviceNames(id, loader, point)) {
            try {
                Class<?> type = Class.forName(name, false, loader);
                if (!point.isAssignableFrom(type)) {
                    LOG.warning(() -> "Plugin " + id + ": " + name + " is listed as a " + point.getSimpleName() + " but is not one");
                    continue;
                }
                found.add(point.cast(registry.guard().call(id, () -> type.getDeclaredConstructor().newInstance(), null)));
            } catch (Exception | LinkageError e) {
                LOG.log(Level.WARNING, "Plugin " + id + ": " + name + " could not be made and is left out", e);
            }
        }
        return found;
    }

    /** Takes the plugin's parts out of the registry first (readers stop using them at once), then stops them. */
    private void stopPlugin(String id) {
        PluginRegistry.Running parts = registry.running().get(id);
        registry = registry.withoutRunning(id);
        for (org.relaydesk.api.host.PluginLifecycle lifecycle : parts == null ? List.<org.relaydesk.api.host.PluginLifecycle>of() : parts.lifecycles()) {
            try {
                registry.guard().call(id, () -> {
                    lifecycle.stop();
                    return null;
                }, null);
            } catch (Exception e) {
                LOG.log(Level.WARNING, "Plugin " + id + ": its stop failed", e);
            }
        }
        PluginWrapper plugin = manager.getPlugin(id);
        if (plugin != null && plugin.getPluginState() == PluginState.STARTED) {
            manager.stopPlugin(id);
        }
        if (plugin != null && registry.installed().containsKey(id)) {
            registry = registry.withInstalled(installed(id, registry.installed().get(id).sum()));
        }
    }

    /** The loaded plugin as the registry keeps it (read from PF4J while holding {@link #changes}). */
    private PluginRegistry.Installed installed(String id, JarSum sha256) {
        PluginWrapper plugin = manager.getPlugin(id);
        PluginDescriptor d = plugin.getDescriptor();
        return new PluginRegistry.Installed(d.getPluginId(), d.getVersion(), d.getPluginDescription(), d.getProvider(), d.getRequires(),
                plugin.getPluginState().toString().toLowerCase(java.util.Locale.ROOT), plugin.getPluginPath(), sha256);
    }

    private static PluginInfo info(PluginRegistry.Installed plugin, PluginRegistry registry) {
        PluginGuard.Health h = registry.guard().health(plugin.id());
        PluginRegistry.Running running = registry.running().get(plugin.id());
        return new PluginInfo(plugin.id(), plugin.version(), plugin.description(), plugin.provider(), plugin.requires(),
                registry.enabled().contains(plugin.id()), plugin.state(), h.state(java.time.Instant.now()), h.calls(), h.failures(),
                h.lastError(), h.pausedUntil(), running == null ? List.of() : running.actions().stream().map(WorkflowAction::id).toList(),
                running == null ? List.of() : running.channels().stream().map(ChannelKind::kind).toList(), plugin.sha256());
    }

    private static PluginRegistry.Installed require(PluginRegistry registry, String id) {
        requireStarted(registry);
        PluginRegistry.Installed plugin = id == null ? null : registry.installed().get(id);
        if (plugin == null) {
            throw new NotFoundException("Plugin");
        }
        return plugin;
    }

    private static void requireStarted(PluginRegistry registry) {
        if (registry.guard() == null) {
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
