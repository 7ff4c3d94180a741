package org.relaydesk.core.plugin;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.relaydesk.api.channel.Capability;
import org.relaydesk.api.channel.ChannelAccount;
import org.relaydesk.api.channel.ChannelConnector;
import org.relaydesk.api.channel.ChannelConnectorFactory;
import org.relaydesk.api.channel.ChannelException;
import org.relaydesk.api.channel.InboundMessage;
import org.relaydesk.api.channel.InboundSink;
import org.relaydesk.api.channel.RawMessage;
import org.relaydesk.api.plugin.ConfigField;

/**
 * A channel kind an enabled plugin offers, as the host uses it: what it declared (read once, at
 * start) and its factory's and connectors' methods, each called through the guard. A
 * ChannelException is the channel's own answer (a server down, a message unreadable): it passes
 * through and does not count against the plugin.
 */
public final class ChannelKind {
    /** Polls may wait on a remote server longer than other calls. */
    static final Duration POLL_LIMIT = Duration.ofSeconds(60);
    /** How much longer than the wait it asked for a connector may take to come back from awaitArrival. */
    static final Duration WAIT_MARGIN = Duration.ofSeconds(15);
    private final String pluginId;
    private final ChannelConnectorFactory factory;
    private final PluginGuard guard;
    private final String kind;
    private final String name;
    private final String icon;
    private final Set<Capability> capabilities;
    private final List<ConfigField> fields;
    private final org.relaydesk.api.host.HostServices host;
    private final org.relaydesk.api.channel.AddressKind addressKind;
    private final java.util.Optional<org.relaydesk.api.channel.ConversationWindow> conversationWindow;

    ChannelKind(String pluginId, ChannelConnectorFactory factory, PluginGuard guard, org.relaydesk.api.host.HostServices host) throws Exception {
        this.pluginId = pluginId;
        this.host = host;
        this.factory = factory;
        this.guard = guard;
        this.kind = guard.call(pluginId, factory::kind, null);
        this.name = guard.call(pluginId, factory::name, null);
        this.icon = guard.call(pluginId, factory::icon, null);
        this.capabilities = Set.copyOf(guard.call(pluginId, factory::capabilities, null));
        this.fields = List.copyOf(guard.call(pluginId, factory::configFields, null));
        org.relaydesk.api.channel.AddressKind declared = guard.call(pluginId, factory::addressKind, null);
        this.addressKind = declared == null ? org.relaydesk.api.channel.AddressKind.EMAIL : declared;
        java.util.Optional<org.relaydesk.api.channel.ConversationWindow> window = guard.call(pluginId, factory::conversationWindow, null);
        this.conversationWindow = window == null ? java.util.Optional.empty() : window;
    }

    /** What the kind's addresses are (a 1.2 plugin's: email addresses). */
    public org.relaydesk.api.channel.AddressKind addressKind() {
        return addressKind;
    }

    /** The provider's conversation window, if it declares one. */
    public java.util.Optional<org.relaydesk.api.channel.ConversationWindow> conversationWindow() {
        return conversationWindow;
    }

    /** A messaging channel: proven senders, conversations that continue by contact and account. */
    public boolean messaging() {
        return capabilities.contains(Capability.MESSAGING);
    }

    public String pluginId() {
        return pluginId;
    }

    public String kind() {
        return kind;
    }

    public String name() {
        return name;
    }

    public String icon() {
        return icon;
    }

    public Set<Capability> capabilities() {
        return capabilities;
    }

    public List<ConfigField> fields() {
        return fields;
    }

    /**
     * A connector for the account whose every call goes through the guard, counted for that account
     * alone: a mailbox that keeps failing pauses itself, not the channel of every workspace.
     */
    public Connector connect(ChannelAccount account) throws ChannelException {
        PluginGuard.Scope scope = scopeOf(account.id());
        ChannelConnector connector = call(scope, () -> factory.create(account, host), null);
        return new Connector(connector, scope);
    }

    private PluginGuard.Scope scopeOf(java.util.UUID accountId) {
        return accountId == null ? PluginGuard.Scope.plugin(pluginId) : PluginGuard.Scope.account(pluginId, accountId);
    }

    /** The plugin's instructions for an account's public address, or null (also when the plugin fails to say). */
    public String publicInstructions(String publicUrl) {
        try {
            return call(() -> factory.publicInstructions(publicUrl));
        } catch (ChannelException e) {
            return null;
        }
    }

    /**
     * Parses a message the account received, with the account's settings (secrets in clear) and the
     * host's services, so that a channel can fetch media with the account's credentials; failures (a
     * crafted message) count against that account only. The longer limit leaves time for downloads.
     */
    public InboundMessage parse(ChannelAccount account, RawMessage raw) throws ChannelException {
        return call(scopeOf(account.id()), () -> factory.parse(raw, account, host), POLL_LIMIT);
    }

    /**
     * Reads a stored message only to learn who sent it, before it is filed: without the account, so
     * nothing is fetched (a photo stays a note here). A channel that reads only with its account is
     * asked that way instead.
     */
    public InboundMessage peek(ChannelAccount account, RawMessage raw) throws ChannelException {
        try {
            return call(scopeOf(account.id()), () -> factory.parse(raw), null);
        } catch (ChannelException e) {
            return parse(account, raw);
        }
    }

    private <T> T call(java.util.concurrent.Callable<T> work) throws ChannelException {
        return call(PluginGuard.Scope.plugin(pluginId), work, null);
    }

    /**
     * {@code limit} null: the guard's own. The plugin's class loader is the call's context class
     * loader, as libraries that find their parts with ServiceLoader (Jakarta Mail) expect.
     */
    private <T> T call(PluginGuard.Scope scope, java.util.concurrent.Callable<T> plain, Duration limit) throws ChannelException {
        java.util.concurrent.Callable<T> work = PluginContext.withLoaderOf(factory, plain);
        try {
            return guard.call(scope, work, ChannelException.class::isInstance, limit == null ? guard.timeout() : limit);
        } catch (ChannelException e) {
            throw e;
        } catch (Exception e) {
            throw new ChannelException("plugin " + e.getMessage(), e);
        }
    }

    /** The account's connection, guarded. */
    public final class Connector {
        private final ChannelConnector connector;
        private final Duration interval;
        private final PluginGuard.Scope scope;

        private Connector(ChannelConnector connector, PluginGuard.Scope scope) throws ChannelException {
            this.connector = connector;
            this.scope = scope;
            this.interval = call(scope, connector::pollInterval, null);
        }

        public Duration pollInterval() {
            return interval;
        }

        public void poll(InboundSink sink) throws ChannelException {
            call(scope, () -> {
                connector.poll(sink);
                return null;
            }, POLL_LIMIT);
        }

        /** Answers a web request to the account's public address (it may file a message meanwhile, hence the longer limit). */
        public org.relaydesk.api.channel.HttpResponse handle(org.relaydesk.api.channel.HttpRequest request,
                org.relaydesk.api.channel.HttpChannelContext context) throws ChannelException {
            // in the account's web-request lane: a webhook is stored and answered even while filing or sending fills the account's places
            return call(PluginGuard.Scope.webRequests(pluginId, scope.accountId()), () -> connector.handle(request, context), POLL_LIMIT);
        }

        /** Waits for the source to announce mail; the guard allows the wait and a margin. */
        public boolean awaitArrival(Duration max) throws ChannelException {
            return call(scope, () -> connector.awaitArrival(max), max.plus(WAIT_MARGIN));
        }

        public org.relaydesk.api.channel.SentMessage send(org.relaydesk.api.channel.OutboundMessage message) throws ChannelException {
            return call(scope, () -> connector.send(message), POLL_LIMIT);
        }

        /** The provider's templates for the account (a channel with TEMPLATES). */
        public List<org.relaydesk.api.channel.MessageTemplate> templates() throws ChannelException {
            List<org.relaydesk.api.channel.MessageTemplate> listed = call(scope, connector::templates, POLL_LIMIT);
            return listed == null ? List.of() : listed;
        }

        public void close() {
            try {
                call(scope, () -> {
                    connector.close();
                    return null;
                }, null);
            } catch (ChannelException e) {
                java.util.logging.Logger.getLogger(ChannelKind.class.getName()).fine(() -> "closing a connector of " + pluginId + ": " + e.getMessage());
            }
        }
    }
}
