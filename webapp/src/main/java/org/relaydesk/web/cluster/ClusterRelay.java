package org.relaydesk.web.cluster;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.topic.ITopic;
import com.hazelcast.topic.Message;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import org.eclipse.microprofile.config.ConfigProvider;
import org.relaydesk.core.chat.ChatChanged;
import org.relaydesk.core.chat.ChatDesk;
import org.relaydesk.core.chat.ChatDeskReport;
import org.relaydesk.core.plugin.PluginHost;
import org.relaydesk.core.plugin.PluginSwitched;
import org.relaydesk.core.ticket.TicketChanged;
import org.relaydesk.web.panel.LivePush;
import org.relaydesk.web.panel.Presence;
import org.relaydesk.web.panel.PresenceReport;
import org.relaydesk.web.widget.ChatSockets;

/**
 * Carries what the panels and the widget show live from one node of a cluster to the others: committed
 * ticket and chat changes, who has which ticket open, who is at the chat desk, and which plugins a system
 * administrator switched on or off (each node runs its own copy). Each node keeps its own
 * pages' connections; this relay makes a change on node A reach a page connected to node B. It uses a
 * topic of the data grid Payara Micro runs (Hazelcast, joined over TCP/IP with the members the operator
 * names). Delivery is at most once: a page that misses a poke shows the change on its next refresh,
 * presence and the chat desk report in again every 20 seconds, and every half minute each node checks its
 * plugins against the database. News is shown by one thread of this node, in the order it came, from a
 * bounded queue: a burst on another node can neither reorder presence nor take this node's request threads
 * or database connections. A server running alone relays nothing.
 */
@ApplicationScoped
public class ClusterRelay {
    static final String TOPIC = "relaydesk.live";
    /** News waiting to be shown at most; beyond, news is dropped (pages catch up on refresh). */
    static final int MAX_WAITING = 10_000;
    static final long PLUGIN_CHECK_NANOS = TimeUnit.SECONDS.toNanos(30);

    /** Whether this node is part of a cluster, as the readiness check reports it. */
    public enum Mode {
        ALONE, CLUSTER, UNAVAILABLE
    }

    private static final Logger LOG = Logger.getLogger(ClusterRelay.class.getName());

    @Resource
    ManagedThreadFactory threads;

    @Inject
    LivePush livePush;

    @Inject
    ChatSockets chatSockets;

    @Inject
    Presence presence;

    @Inject
    ChatDesk chatDesk;

    @Inject
    PluginHost plugins;

    private final BlockingQueue<Object> waiting = new LinkedBlockingQueue<>(MAX_WAITING);
    private final AtomicLong dropped = new AtomicLong();
    private volatile boolean configured;
    private volatile boolean running;
    private volatile Thread deliverer;
    private volatile HazelcastInstance grid;
    private volatile ITopic<String> topic;
    private volatile UUID listener;

    void start(@Observes @Initialized(ApplicationScoped.class) Object started) {
        String members = ConfigProvider.getConfig().getOptionalValue("relaydesk.cluster.members", String.class).orElse("").trim();
        if (members.isEmpty()) {
            return;
        }
        configured = true;
        try {
            grid = (HazelcastInstance) new InitialContext().lookup("payara/Hazelcast");
            running = true;
            Thread thread = threads.newThread(this::deliverUntilStopped);
            thread.setName("relaydesk-cluster-news");
            thread.setDaemon(true);
            thread.start();
            deliverer = thread;
            ITopic<String> liveTopic = grid.getTopic(TOPIC);
            listener = liveTopic.addMessageListener(this::received);
            topic = liveTopic;
            LOG.info(() -> "Cluster: this node relays live updates; " + grid.getCluster().getMembers().size() + " node(s) joined so far ("
                    + members + ")");
        } catch (NamingException | RuntimeException e) {
            // the server still serves its own pages; other nodes' changes reach them on refresh
            LOG.log(Level.SEVERE, "Cluster: relaydesk.cluster.members is set but the data grid is not available; live updates stay on this node", e);
        }
    }

    @PreDestroy
    void stop() {
        running = false;
        Thread thread = deliverer;
        if (thread != null) {
            thread.interrupt();
        }
        ITopic<String> liveTopic = topic;
        topic = null;
        if (liveTopic != null && listener != null) {
            try {
                liveTopic.removeMessageListener(listener);
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, "Cluster: the data grid stopped first", e);
            }
        }
    }

    /** Alone, in a cluster, or configured for one whose data grid could not be reached (live updates then stay on this node). */
    public Mode mode() {
        return !configured ? Mode.ALONE : topic != null ? Mode.CLUSTER : Mode.UNAVAILABLE;
    }

    /** The nodes in the cluster now, this one included; empty when this server runs alone. */
    public OptionalInt members() {
        HazelcastInstance current = grid;
        if (current == null || topic == null) {
            return OptionalInt.empty();
        }
        try {
            return OptionalInt.of(current.getCluster().getMembers().size());
        } catch (RuntimeException e) {
            return OptionalInt.of(0); // the data grid is shutting down
        }
    }

    void onTicketChanged(@Observes(during = TransactionPhase.AFTER_SUCCESS) TicketChanged change) {
        tell(change);
    }

    void onChatChanged(@Observes(during = TransactionPhase.AFTER_SUCCESS) ChatChanged change) {
        tell(change);
    }

    void onPresence(@Observes PresenceReport report) {
        tell(report);
    }

    void onChatDesk(@Observes ChatDeskReport report) {
        tell(report);
    }

    void onPluginSwitched(@Observes(during = TransactionPhase.AFTER_SUCCESS) PluginSwitched switched) {
        tell(switched);
    }

    private void tell(Object news) {
        ITopic<String> liveTopic = topic;
        if (liveTopic == null) {
            return;
        }
        try {
            liveTopic.publishAsync(ClusterNews.encode(news)).whenComplete((done, failure) -> {
                if (failure != null) {
                    LOG.log(Level.WARNING, "Cluster: could not tell the other nodes of a change", failure);
                }
            });
        } catch (RuntimeException e) {
            // the change itself is committed; other nodes' pages show it on their next refresh
            LOG.log(Level.WARNING, "Cluster: could not tell the other nodes of a change", e);
        }
    }

    private void received(Message<String> message) {
        if (message.getPublishingMember() != null && message.getPublishingMember().localMember()) {
            return; // this node told its own pages already
        }
        var news = ClusterNews.decode(message.getMessageObject());
        if (news.isEmpty()) {
            LOG.warning(() -> "Cluster: dropped a message on " + TOPIC + " that is not news of ours, from " + message.getPublishingMember());
            return;
        }
        if (!waiting.offer(news.get())) {
            long count = dropped.incrementAndGet();
            if (count == 1 || count % 1000 == 0) {
                LOG.warning(() -> "Cluster: " + count + " piece(s) of news from other nodes dropped, " + MAX_WAITING
                        + " waiting already; pages show those changes on refresh");
            }
        }
    }

    /** The news thread: shows other nodes' news in the order it came, and checks the plugins every half minute. */
    private void deliverUntilStopped() {
        long pluginsCheckedAt = System.nanoTime();
        while (running) {
            try {
                Object news = waiting.poll(1, TimeUnit.SECONDS);
                if (news != null) {
                    deliver(news);
                }
                if (System.nanoTime() - pluginsCheckedAt > PLUGIN_CHECK_NANOS) {
                    pluginsCheckedAt = System.nanoTime();
                    plugins.followDatabase();
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Cluster: could not follow the plugins' switches in the database", e);
            }
        }
    }

    private void deliver(Object news) {
        try {
            if (news instanceof TicketChanged change) {
                livePush.ticketChanged(change);
                chatSockets.ticketChanged(change);
            } else if (news instanceof ChatChanged change) {
                livePush.chatChanged(change);
                chatSockets.chatChanged(change);
            } else if (news instanceof PresenceReport report) {
                presence.heardElsewhere(report);
            } else if (news instanceof ChatDeskReport report) {
                chatDesk.heardElsewhere(report);
            } else if (news instanceof PluginSwitched switched) {
                plugins.followSwitch(switched);
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Cluster: could not show another node's change", e);
        }
    }
}
