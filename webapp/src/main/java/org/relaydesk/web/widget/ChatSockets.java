package org.relaydesk.web.widget;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.websocket.Session;
import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.relaydesk.core.chat.ChatChanged;
import org.relaydesk.core.ticket.TicketChanged;

/**
 * The visitors' open chat connections, by chat and by its ticket: after a change commits (a line from
 * either side, typing, reading, an agent joining, the end) each connection of that chat is told
 * "changed" and reads what is new through the API, so a lost or late poke loses nothing. The
 * connections are this node's; in a cluster, changes made on other nodes arrive through
 * {@link org.relaydesk.web.cluster.ClusterRelay}.
 */
@ApplicationScoped
public class ChatSockets {
    static final int MAX_CONNECTIONS_PER_CHAT = 5;
    private static final Logger LOG = Logger.getLogger(ChatSockets.class.getName());
    /** More open connections than this on one node are refused (try again later): a bound on what strangers can hold open. */
    static final int MAX_OPEN = 20_000;
    /** A connection must show its pass this soon, and a subscribed page pings every 30 s. */
    static final long PASS_WITHIN_MILLIS = 10_000;
    static final long SILENT_FOR_MILLIS = 90_000;
    private static final Map<UUID, Set<Session>> BY_CHAT = new ConcurrentHashMap<>();
    private static final Map<UUID, UUID> CHAT_OF_TICKET = new ConcurrentHashMap<>();
    private static final Set<Session> OPEN = ConcurrentHashMap.newKeySet();

    /** The widget's live connections open on this node now (for /metrics). */
    public static int openCount() {
        return OPEN.size();
    }

    /** A new connection: counted, and timed until it shows its pass; false when the node has too many. */
    static boolean opened(Session session) {
        if (OPEN.size() >= MAX_OPEN) {
            return false;
        }
        session.getUserProperties().put("seen", System.currentTimeMillis());
        OPEN.add(session);
        return true;
    }

    /** The page spoke (its pass or a ping): it is there. */
    static void heard(Session session) {
        session.getUserProperties().put("seen", System.currentTimeMillis());
    }

    /** Closes connections that never showed a pass in time, or whose page stopped pinging (run every few seconds). */
    static void sweep() {
        long now = System.currentTimeMillis();
        for (Session session : OPEN) {
            Object seen = session.getUserProperties().get("seen");
            long last = seen instanceof Long l ? l : 0;
            boolean subscribed = session.getUserProperties().containsKey("chat");
            if (!session.isOpen() || now - last > (subscribed ? SILENT_FOR_MILLIS : PASS_WITHIN_MILLIS)) {
                unsubscribe(session);
                closeQuietly(session);
            }
        }
    }

    /** Listens to the chat for this connection; false when the chat has too many already. */
    static boolean subscribe(ChatLiveTokens.Subscription subscription, Session session) {
        Set<Session> sessions = BY_CHAT.computeIfAbsent(subscription.chatId(), id -> ConcurrentHashMap.newKeySet());
        sessions.removeIf(s -> !s.isOpen());
        if (sessions.size() >= MAX_CONNECTIONS_PER_CHAT) {
            return false;
        }
        sessions.add(session);
        CHAT_OF_TICKET.put(subscription.ticketId(), subscription.chatId());
        session.getUserProperties().put("chat", subscription);
        return true;
    }

    static void unsubscribe(Session session) {
        OPEN.remove(session);
        Object subscription = session.getUserProperties().get("chat");
        if (subscription instanceof ChatLiveTokens.Subscription s) {
            // atomically: a connection joining the chat meanwhile keeps the set
            BY_CHAT.computeIfPresent(s.chatId(), (chat, sessions) -> {
                sessions.remove(session);
                if (sessions.isEmpty()) {
                    CHAT_OF_TICKET.remove(s.ticketId());
                    return null;
                }
                return sessions;
            });
        }
    }

    void onChatChanged(@Observes(during = TransactionPhase.AFTER_SUCCESS) ChatChanged change) {
        chatChanged(change);
    }

    /** A chat changed, here or on another node of the cluster: its connections on this node are poked. */
    public void chatChanged(ChatChanged change) {
        poke(change.chatId());
    }

    void onTicketChanged(@Observes(during = TransactionPhase.AFTER_SUCCESS) TicketChanged change) {
        ticketChanged(change);
    }

    /** An agent's reply from the ticket page, a rule's message (here or on another node): the chat's page hears of it too. */
    public void ticketChanged(TicketChanged change) {
        UUID chat = CHAT_OF_TICKET.get(change.ticketId());
        if (chat != null) {
            poke(chat);
        }
    }

    private static void poke(UUID chatId) {
        Set<Session> sessions = BY_CHAT.get(chatId);
        if (sessions == null) {
            return;
        }
        for (Session session : sessions) {
            if (!session.isOpen()) {
                sessions.remove(session);
                continue;
            }
            try {
                session.getAsyncRemote().sendText("{\"type\":\"changed\"}", result -> {
                    if (!result.isOK()) {
                        // a connection that cannot take it is the page's to reconnect; the change itself is committed
                        unsubscribe(session);
                        closeQuietly(session);
                    }
                });
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, "Could not poke a chat connection", e);
                unsubscribe(session);
                closeQuietly(session);
            }
        }
    }

    private static void closeQuietly(Session session) {
        try {
            session.close();
        } catch (IOException ignored) {
            // already gone
        }
    }
}
