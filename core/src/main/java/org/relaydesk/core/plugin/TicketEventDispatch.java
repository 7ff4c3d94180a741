package org.relaydesk.core.plugin;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.relaydesk.api.event.TicketEvent;
import org.relaydesk.core.persistence.Tenancy;
import org.relaydesk.core.ticket.TicketChanged;
import org.relaydesk.core.workspace.Workspace;

/**
 * Tells the plugins' ticket listeners of each committed change, in order, on a thread of its own:
 * the change's own thread only queues the event. The queue is bounded; when listeners fall that
 * far behind, further events are dropped and logged rather than held in memory without end.
 */
@ApplicationScoped
public class TicketEventDispatch {
    private static final Logger LOG = Logger.getLogger(TicketEventDispatch.class.getName());
    static final int QUEUE = 10_000;

    @Inject
    PluginHost plugins;

    @Inject
    Tenancy tenancy;

    private final ExecutorService queue = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>(QUEUE), runnable -> {
        Thread thread = new Thread(runnable, "relaydesk-ticket-events");
        thread.setDaemon(true);
        return thread;
    });

    void onTicketChanged(@Observes(during = TransactionPhase.AFTER_SUCCESS) TicketChanged change) {
        List<PluginTicketListener> listeners = plugins.ticketListeners();
        if (listeners.isEmpty()) {
            return;
        }
        Workspace workspace = tenancy.global().find(Workspace.class, change.workspaceId());
        TicketEvent event = new TicketEvent(change.workspaceId(), change.ticketId(), (workspace == null ? "#" : workspace.ticketPrefix()) + change.number(),
                change.action(), Instant.now());
        try {
            queue.execute(() -> listeners.forEach(listener -> listener.tell(event)));
        } catch (RejectedExecutionException e) {
            LOG.log(Level.WARNING, "Ticket listeners are " + QUEUE + " events behind; event " + event + " was not passed on");
        }
    }

    @PreDestroy
    void stop() {
        queue.shutdownNow();
    }
}
