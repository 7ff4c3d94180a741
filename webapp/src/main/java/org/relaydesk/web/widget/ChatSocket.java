package org.relaydesk.web.widget;

import jakarta.enterprise.inject.spi.CDI;
import jakarta.websocket.CloseReason;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import java.io.IOException;
import java.util.Optional;

/**
 * A visitor's live connection at {@code /widget/live}. Its first (and only) message is the pass the
 * chat API gave ({@link ChatLiveTokens}); after it, the server only speaks: {@code {"type":"ready"}},
 * then {@code {"type":"changed"}} whenever the chat changes. A connection that sends anything else,
 * or no valid pass within its first message (or within 10 s), is closed; so is one whose page stops
 * pinging (every 30 s) for 90 s.
 */
@ServerEndpoint("/widget/live")
public class ChatSocket {
    static final int MAX_MESSAGE = 300;

    @OnOpen
    public void open(Session session) throws IOException {
        session.setMaxTextMessageBufferSize(MAX_MESSAGE);
        if (!ChatSockets.opened(session)) {
            session.close(new CloseReason(CloseReason.CloseCodes.TRY_AGAIN_LATER, "too many connections"));
            return;
        }
        // no container idle timeout: this server's WebSocket container closed some sessions at once when one was set ("idle
        // timeout" within a second of opening, one in 50 to 80); ChatSockets.sweep closes silent connections instead
    }

    @OnMessage
    public void message(Session session, String text) throws IOException {
        ChatSockets.heard(session);
        if (session.getUserProperties().containsKey("chat")) {
            return; // a ping: the page is still there (and proxies keep the connection)
        }
        Optional<ChatLiveTokens.Subscription> subscription = text.length() > MAX_MESSAGE ? Optional.empty()
                : CDI.current().select(ChatLiveTokens.class).get().verify(text.strip());
        if (subscription.isEmpty()) {
            session.close(new CloseReason(CloseReason.CloseCodes.VIOLATED_POLICY, "not a pass to a chat"));
            return;
        }
        if (!ChatSockets.subscribe(subscription.get(), session)) {
            session.close(new CloseReason(CloseReason.CloseCodes.TRY_AGAIN_LATER, "too many connections to this chat"));
            return;
        }
        session.getAsyncRemote().sendText("{\"type\":\"ready\"}");
    }

    @OnClose
    public void close(Session session) {
        ChatSockets.unsubscribe(session);
    }

    @OnError
    public void error(Session session, Throwable problem) {
        ChatSockets.unsubscribe(session);
    }
}
