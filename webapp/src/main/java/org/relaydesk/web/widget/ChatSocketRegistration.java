package org.relaydesk.web.widget;

import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.server.ServerContainer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Registers the visitors' chat endpoint with the WebSocket container when the application starts
 * (the container's scan of annotated endpoints does not reach it in this server; an endpoint it did
 * register already is left as it is).
 */
@WebListener
public class ChatSocketRegistration implements ServletContextListener {
    private static final Logger LOG = Logger.getLogger(ChatSocketRegistration.class.getName());

    @jakarta.annotation.Resource
    jakarta.enterprise.concurrent.ManagedScheduledExecutorService scheduler;

    private java.util.concurrent.ScheduledFuture<?> sweeping;

    @Override
    public void contextInitialized(ServletContextEvent event) {
        Object container = event.getServletContext().getAttribute(ServerContainer.class.getName());
        if (!(container instanceof ServerContainer server)) {
            LOG.warning("No WebSocket container: the widget's chat falls back to polling");
            return;
        }
        try {
            server.addEndpoint(ChatSocket.class);
        } catch (DeploymentException | IllegalStateException e) {
            LOG.log(Level.FINE, "The chat endpoint was registered already", e);
        }
        if (scheduler != null) {
            sweeping = scheduler.scheduleWithFixedDelay(ChatSockets::sweep, 5, 5, java.util.concurrent.TimeUnit.SECONDS);
        }
    }

    @Override
    public void contextDestroyed(ServletContextEvent event) {
        if (sweeping != null) {
            sweeping.cancel(false);
        }
    }
}
