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
 * "changed" and reads what is new through the API, so a lost or late poke loses nothing. In this
 * node's memory; with clustering the changes will come over a Hazelcast topic.
 */
@ApplicationScoped
public class ChatSockets {
    static final int MAX_CONNECTIONS_PER_CHAT = 5;
    private static final Logger LOG = Logger.getLogger(ChatSockets.class.getName());
    private static final Map<UUID, Set<Session>> BY_CHAT = new ConcurrentHashMap<>();
    private static final Map<UUID, UUID> CHAT_OF_TICKET = new ConcurrentHashMap<>();

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
        Object subscription = session.getUserProperties().get("chat");
        if (subscription instanceof ChatLiveTokens.Subscription s) {
            Set<Session> sessions = BY_CHAT.get(s.chatId());
            if (sessions != null) {
                sessions.remove(session);
                if (sessions.isEmpty()) {
                    BY_CHAT.remove(s.chatId());
                    CHAT_OF_TICKET.remove(s.ticketId());
                }
            }
        }
    }

    void onChatChanged(@Observes(during = TransactionPhase.AFTER_SUCCESS) ChatChanged change) {
        poke(change.chatId());
    }

    /** An agent's reply from the ticket page, a rule's message: the chat's page hears of it too. */
    void onTicketChanged(@Observes(during = TransactionPhase.AFTER_SUCCESS) TicketChanged change) {
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
                session.getAsyncRemote().sendText("{\"type\":\"changed\"}");
            } catch (RuntimeException e) {
                // a connection that cannot take it is the page's to reconnect; the change itself is committed
                LOG.log(Level.FINE, "Could not poke a chat connection", e);
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
