package org.relaydesk.core.channel;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Logger;
import org.relaydesk.api.channel.InboundMessage;
import org.relaydesk.core.error.InvalidInputException;
import org.relaydesk.core.job.OwnTransaction;
import org.relaydesk.core.job.ScheduledJob;
import org.relaydesk.core.persistence.Tenancy;
import org.relaydesk.core.plugin.ChannelKind;
import org.relaydesk.core.plugin.PluginHost;

/**
 * Files the stored inbound messages with several workers ({@link InboundWorkers}), each message in
 * a transaction of its own by {@link InboundFiling}, each sender's messages in the order they
 * arrived ({@link InboundQueue}). Before a message can be claimed its sender is read from it (with
 * the channel's parser, nothing fetched). A message that cannot be filed (unreadable, refused, held
 * back) is set aside with its reason; one that fails for a passing reason (the database, a channel
 * unreachable) is tried again a few times, and its sender's later messages wait behind it meanwhile;
 * after the last try it is set aside too, so that one bad message never silences a customer.
 * Messages of a channel whose plugin is off wait for it. The scheduled run only keeps the workers
 * going and wakes them.
 */
@ApplicationScoped
public class InboundProcessing implements ScheduledJob {
    static final String NAME = "channel.inbound";
    /** Tries before a message that keeps failing is set aside. */
    static final int MAX_ATTEMPTS = 3;
    /** How many unread senders one look reads. */
    static final int READ_BATCH = 200;
    private static final Logger LOG = Logger.getLogger(InboundProcessing.class.getName());

    @Inject
    Tenancy tenancy;

    @Inject
    PluginHost plugins;

    @Inject
    InboundFiling filing;

    @Inject
    InboundQueue queue;

    @Inject
    InboundWorkers workers;

    @Inject
    org.relaydesk.core.access.Caller caller;

    /** One worker of the node reads senders at a time; the others file meanwhile. */
    private final ReentrantLock reading = new ReentrantLock();

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Duration interval() {
        return Duration.ofSeconds(1);
    }

    @Override
    public void run() {
        workers.start();
        workers.wakeAll();
    }

    /**
     * One worker's turn: reads the senders of new messages, then claims the oldest message that may
     * be filed now and files it. Returns whether there was one.
     */
    @ActivateRequestContext
    public boolean fileNext(String worker, InboundWorkers pool) {
        caller.actAsSystem(); // filing acts for nobody outside
        List<String> kinds = plugins.channelKinds().stream().map(ChannelKind::kind).toList();
        if (kinds.isEmpty()) {
            return false;
        }
        readSenders(kinds);
        InboundQueue.Claim claim = queue.claim(worker, kinds);
        if (claim == null) {
            return false;
        }
        tenancy.actAs(claim.workspaceId());
        UUID id = claim.id();
        try {
            filing.file(id, worker);
        } catch (RuntimeException e) {
            failed(claim, worker, pool, e);
        }
        return true;
    }

    private void failed(InboundQueue.Claim claim, String worker, InboundWorkers pool, RuntimeException failure) {
        if (pool.stopping() || interrupted(failure)) {
            // the server is stopping: the filing was cut short, not wrong; it stays pending for the next start
            Thread.interrupted(); // the release below needs the database
            try {
                queue.release(claim.id(), worker);
            } catch (RuntimeException e) {
                LOG.fine(() -> "Inbound message " + claim.id() + " is left to its lease: " + OwnTransaction.reasonOf(e));
            }
            if (pool.stopping()) {
                Thread.currentThread().interrupt();
            }
            return;
        }
        if (failure instanceof InvalidInputException refused) {
            setAside(claim.id(), "Relaydesk refused it: " + refused.fieldErrors().entrySet().stream().map(f -> f.getKey() + " " + f.getValue())
                    .reduce((a, b) -> a + "; " + b).orElse(String.valueOf(refused.getMessage())));
            return;
        }
        String reason = OwnTransaction.reasonOf(failure);
        if (failure instanceof InboundFiling.NotFileable || claim.attempts() + 1 >= MAX_ATTEMPTS) {
            setAside(claim.id(), reason);
            return;
        }
        try {
            queue.retryLater(claim.id(), reason, Duration.ofSeconds(claim.attempts() == 0 ? 2 : 10));
        } catch (RuntimeException e) {
            LOG.warning(() -> "Inbound message " + claim.id() + " could not be put back in line: " + OwnTransaction.reasonOf(e));
        }
    }

    private static boolean interrupted(Throwable failure) {
        if (Thread.currentThread().isInterrupted()) {
            return true;
        }
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof InterruptedException || t instanceof java.nio.channels.ClosedByInterruptException) {
                return true;
            }
        }
        return false;
    }

    /** Who sent each new message, read without fetching anything, so the line can keep each sender's order. */
    private void readSenders(List<String> kinds) {
        if (!reading.tryLock()) {
            return;
        }
        try {
            List<InboundQueue.Unread> unread = queue.unread(kinds, READ_BATCH);
            if (unread.isEmpty()) {
                return;
            }
            List<UUID> ids = new ArrayList<>();
            List<String> keys = new ArrayList<>();
            for (InboundQueue.Unread message : unread) {
                ids.add(message.id());
                keys.add(senderKey(message));
            }
            queue.senders(ids, keys);
        } finally {
            reading.unlock();
        }
    }

    /** The sender in lower case; a receipt or an unreadable message is a line of its own (nobody's order to keep). */
    private String senderKey(InboundQueue.Unread unread) {
        try {
            ChannelKind kind = plugins.channelKind(unread.kind()).orElse(null);
            if (kind == null) {
                return "unreadable:" + unread.id();
            }
            tenancy.actAs(unread.workspaceId());
            InboundMessage message = kind.peek(filing.accountFor(unread.accountId(), unread.accountUpdatedAt()), unread.raw());
            return message.isReceiptOnly() ? "receipt:" + unread.id() : message.fromAddress().strip().toLowerCase(Locale.ROOT);
        } catch (org.relaydesk.api.channel.ChannelException | RuntimeException e) {
            return "unreadable:" + unread.id(); // filing it fails too, and sets it aside with the reason
        }
    }

    /** A message that cannot even be set aside (the database is failing) must not stop the ones behind it: the next look tries again. */
    private void setAside(UUID id, String reason) {
        try {
            filing.setAside(id, reason);
        } catch (RuntimeException e) {
            LOG.warning(() -> "Inbound message " + id + " could not be set aside: " + OwnTransaction.reasonOf(e));
        }
    }
}
