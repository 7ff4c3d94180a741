package org.relaydesk.web.health;

import jakarta.servlet.annotation.WebListener;
import jakarta.servlet.http.HttpSessionEvent;
import jakarta.servlet.http.HttpSessionListener;
import java.util.concurrent.atomic.AtomicInteger;

/** Counts the HTTP sessions open on this node (panels, portal) for /metrics. */
@WebListener
public class ActiveSessions implements HttpSessionListener {
    private static final AtomicInteger OPEN = new AtomicInteger();

    static int count() {
        return Math.max(0, OPEN.get());
    }

    @Override
    public void sessionCreated(HttpSessionEvent event) {
        OPEN.incrementAndGet();
    }

    @Override
    public void sessionDestroyed(HttpSessionEvent event) {
        OPEN.decrementAndGet();
    }
}
