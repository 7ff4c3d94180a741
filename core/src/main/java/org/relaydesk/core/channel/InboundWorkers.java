package org.relaydesk.core.channel;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The threads of this node that file stored inbound messages ({@link InboundProcessing#fileNext}),
 * as many as {@code relaydesk.channels.inbound-workers}. An idle worker sleeps until a message is
 * stored on this node ({@link #wake}) or for a second at most, so that messages stored by another
 * node, retries that come due and leases that ran out are picked up too. On shutdown the workers
 * stop between messages; a filing they are in the middle of is rolled back and stays pending.
 */
@ApplicationScoped
public class InboundWorkers {
    private static final Logger LOG = Logger.getLogger(InboundWorkers.class.getName());
    /** How long an idle worker waits for an arrival before it looks at the line again. */
    static final long IDLE_MILLIS = 1_000;

    // 8: filing waits mostly on the database and on the channel's media fetches, not on the processor; on
    // the 2-core bench machine 4 workers filed 18 WhatsApp messages/s, 8 filed 25/s and 12 filed 36/s
    // (docs/performance.md), each worker holding one of the pool's 48 connections while it files
    @Inject
    @ConfigProperty(name = "relaydesk.channels.inbound-workers", defaultValue = "8")
    int count;

    @Resource
    ManagedThreadFactory threads;

    @Inject
    InboundProcessing processing;

    /** This node's name in the claims it takes: a fresh one each start, so a restarted node never mistakes an old claim for its own. */
    private final String node = "node-" + UUID.randomUUID().toString().substring(0, 8);
    private final Semaphore arrivals = new Semaphore(0);
    private final List<Thread> running = new ArrayList<>();
    private volatile boolean stopping;
    /** How many workers run, read without the lock by {@link #wake} on any thread. */
    private volatile int size;

    /** Starts the workers unless they run already. */
    public synchronized void start() {
        if (!running.isEmpty()) {
            return;
        }
        stopping = false;
        int workers = Math.max(1, Math.min(count, 64));
        for (int i = 1; i <= workers; i++) {
            String worker = node + "-" + i;
            Thread thread = threads.newThread(() -> work(worker));
            thread.setName("relaydesk-inbound-" + i);
            running.add(thread);
            thread.start();
        }
        size = running.size();
        LOG.fine(() -> workers + " inbound workers started");
    }

    /** A message was stored: one idle worker files it now rather than at its next look. Safe from any thread. */
    public void wake() {
        if (arrivals.availablePermits() < size) {
            arrivals.release();
        }
    }

    /** Every idle worker looks at the line now. */
    void wakeAll() {
        arrivals.release(Math.max(0, size - arrivals.availablePermits()));
    }

    /** Whether the workers are being stopped: a filing that fails now was interrupted, and is left pending. */
    public boolean stopping() {
        return stopping;
    }

    /** Stops the workers and waits (a few seconds at most) for the filings under way to end. */
    @PreDestroy
    public synchronized void stop() {
        stopping = true;
        running.forEach(Thread::interrupt);
        for (Thread thread : running) {
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        running.clear();
        size = 0;
    }

    private void work(String worker) {
        while (!stopping) {
            boolean filed;
            try {
                filed = processing.fileNext(worker, this);
            } catch (RuntimeException e) {
                if (stopping) {
                    return;
                }
                // the database is away: look again after a pause rather than spin
                LOG.log(Level.WARNING, "Inbound worker " + worker + " could not take a message; it tries again shortly", e);
                filed = false;
            }
            if (!filed) {
                try {
                    arrivals.tryAcquire(IDLE_MILLIS, TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }
}
