package org.relaydesk.core.channel;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.relaydesk.core.access.RequiresRole;
import org.relaydesk.core.error.InvalidInputException;
import org.relaydesk.core.persistence.Tenancy;
import org.relaydesk.core.user.Role;

/**
 * The channel request log: written beside webhooks and sends, read by admins. A line is queued and
 * written by one long-lived managed thread: a webhook's answer never waits for it, a send's transaction
 * never carries it, and a write that fails is a warning in the server log, never a failed webhook or
 * send. The lines queued meanwhile are written together, in one transaction, so that a provider's burst
 * of webhooks costs the database one commit per batch rather than one per webhook. (A task handed to
 * the managed executor per line cost a sixth of the server's processor time at 40 webhooks/s: each
 * hand-over captures the caller's container context. The thread is made once instead.)
 */
@ApplicationScoped
public class ChannelRequestLog {
    private static final Logger LOG = Logger.getLogger(ChannelRequestLog.class.getName());
    /** A page of the log; more is paging. */
    public static final int MAX_PAGE = 200;
    /** A time range longer than the retention finds nothing more, and one far longer is a typing slip. */
    static final Duration MAX_RANGE = Duration.ofDays(366);

    @Inject
    Tenancy tenancy;

    @Resource
    ManagedExecutorService executor;

    @Resource
    ManagedThreadFactory threads;

    @Resource(lookup = "java:app/jdbc/relaydesk")
    javax.sql.DataSource dataSource;

    /** Lines written in one transaction at most. */
    static final int BATCH = 500;
    /** Lines waiting at most; beyond, new ones are dropped with a warning (the database is away, or far behind). */
    static final int MAX_QUEUED = 50_000;
    private final BlockingQueue<ChannelRequest> queued = new LinkedBlockingQueue<>(MAX_QUEUED);
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicReference<Thread> writer = new AtomicReference<>();
    private volatile boolean stopping;

    /** Queues the line for writing; returns at once. */
    public void record(ChannelRequest line) {
        if (stopping || !queued.offer(line)) {
            if (dropped.incrementAndGet() % 1000 == 1) {
                LOG.warning(() -> dropped.get() + " channel request lines were not logged: " + (stopping ? "the server is stopping"
                        : MAX_QUEUED + " are waiting to be written already"));
            }
            return;
        }
        if (writer.get() == null) {
            startWriter();
        }
    }

    private synchronized void startWriter() {
        if (writer.get() != null || stopping) {
            return;
        }
        try {
            Thread made = threads.newThread(this::writeUntilStopped);
            made.setName("relaydesk-channel-request-log");
            made.setDaemon(true);
            writer.set(made);
            made.start();
        } catch (RuntimeException e) {
            writer.set(null);
            LOG.log(Level.WARNING, "The channel request log's writer could not be started; the next line tries again", e);
        }
    }

    /**
     * Takes what is queued, a batch at a time, until {@link #stop} (only that ends it: a stray interrupt, say
     * from the connection pool, does not); what is queued then is written before the thread ends. Should the
     * thread die of an error all the same, the next line starts another.
     */
    private void writeUntilStopped() {
        List<ChannelRequest> batch = new ArrayList<>(BATCH);
        try {
            while (true) {
                ChannelRequest first;
                try {
                    first = queued.poll(1, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    continue; // stop() does not interrupt; it sets stopping, seen once the queue is empty
                }
                if (first == null) {
                    if (stopping) {
                        return;
                    }
                    continue;
                }
                batch.add(first);
                queued.drainTo(batch, BATCH - 1);
                try {
                    write(batch);
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, batch.size() + " channel request lines were not logged: " + e.getMessage(), e);
                } finally {
                    batch.clear();
                }
            }
        } finally {
            writer.compareAndSet(Thread.currentThread(), null);
        }
    }

    /** Writes what is still queued (a few seconds at most) and ends the writer. */
    @PreDestroy
    void stop() {
        stopping = true;
        Thread running = writer.get();
        if (running != null) {
            try {
                running.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The lines in one transaction; when that fails, one by one, so that one bad line loses only itself. */
    private void write(List<ChannelRequest> lines) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                for (ChannelRequest line : lines) {
                    ChannelRequestStore.insert(connection, line);
                }
                connection.commit();
                return;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException | RuntimeException e) {
            LOG.log(Level.WARNING, lines.size() + " channel request lines were not logged: " + e.getMessage());
            return;
        }
        lines.forEach(this::write);
    }

    /** One throttled line per account in this long: a flood is sampled, so that logging it never floods the database in turn. */
    static final long THROTTLED_SAMPLE_MILLIS = 10_000;
    private final java.util.Map<java.util.UUID, Long> lastThrottled = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * A request to the account's public address turned away before its connector saw it (too many
     * refused requests from its address): a sample is logged, its workspace found by the insert itself.
     */
    public void recordThrottled(java.util.UUID accountId, String method, String path, int status) {
        long now = System.currentTimeMillis();
        Long last = lastThrottled.get(accountId);
        if (last != null && now - last < THROTTLED_SAMPLE_MILLIS || lastThrottled.size() > 10_000) {
            return;
        }
        lastThrottled.put(accountId, now);
        Instant at = Instant.now();
        String shownPath = path == null || path.length() <= 200 ? path : path.substring(0, 200);
        try {
            executor.execute(() -> {
                try (Connection connection = dataSource.getConnection();
                     var insert = connection.prepareStatement("INSERT INTO channel_requests (id, workspace_id, account_id, direction, at, method, path, "
                             + "http_status, outcome, error) SELECT ?, workspace_id, id, 'in', ?, ?, ?, ?, 'throttled', ? FROM channel_accounts WHERE id = ?")) {
                    connection.setAutoCommit(true);
                    insert.setObject(1, org.relaydesk.core.persistence.Ids.newId());
                    insert.setTimestamp(2, java.sql.Timestamp.from(at));
                    insert.setString(3, method);
                    insert.setString(4, shownPath);
                    insert.setInt(5, status);
                    insert.setString(6, "Too many refused requests from the sender's address: turned away before the number saw it "
                            + "(one line per " + THROTTLED_SAMPLE_MILLIS / 1000 + " s is logged)");
                    insert.setObject(7, accountId);
                    insert.executeUpdate();
                } catch (SQLException | RuntimeException e) {
                    LOG.log(Level.WARNING, "A throttled request to account " + accountId + " was not logged: " + e.getMessage());
                }
            });
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "A throttled request to account " + accountId + " was not logged", e);
        }
    }

    private void write(ChannelRequest line) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            ChannelRequestStore.insert(connection, line);
        } catch (SQLException | RuntimeException e) {
            LOG.log(Level.WARNING, "A channel request of account " + line.accountId() + " was not logged: " + e.getMessage());
        }
    }

    /**
     * The workspace's log, newest first, filtered. A filter that makes no sense (an unknown outcome, a
     * range that ends before it starts, a phone number with letters) is refused with a reason.
     */
    @RequiresRole(Role.ADMIN)
    public ChannelRequestStore.Page search(ChannelRequestStore.Filter filter, int page, int pageSize) {
        ChannelRequestStore.Filter checked = checked(filter == null ? ChannelRequestStore.Filter.none() : filter);
        InvalidInputException.Collector errors = new InvalidInputException.Collector();
        errors.check(page >= 0 && page <= 10_000, "page", "must be between 0 and 10000")
                .check(pageSize >= 1 && pageSize <= MAX_PAGE, "page_size", "must be between 1 and " + MAX_PAGE);
        errors.throwIfAny();
        try (Connection connection = dataSource.getConnection()) {
            return ChannelRequestStore.search(connection, tenancy.workspaceId(), checked, page * pageSize, pageSize);
        } catch (SQLException e) {
            throw new IllegalStateException("The channel request log could not be read", e);
        }
    }

    /** Trims what was typed; blanks mean "any". */
    static ChannelRequestStore.Filter checked(ChannelRequestStore.Filter filter) {
        InvalidInputException.Collector errors = new InvalidInputException.Collector();
        String direction = blankToNull(filter.direction());
        String outcome = blankToNull(filter.outcome());
        String address = blankToNull(filter.address());
        String messageId = blankToNull(filter.messageId());
        errors.check(direction == null || direction.equals(ChannelRequest.IN) || direction.equals(ChannelRequest.OUT), "direction", "must be in or out")
                .check(outcome == null || ChannelRequest.OUTCOMES.contains(outcome.toLowerCase(Locale.ROOT)), "outcome",
                        "must be one of " + String.join(", ", ChannelRequest.OUTCOMES))
                .check(address == null || address.length() <= 320 && (address.contains("@") || address.matches("\\+?[0-9][0-9 ()./-]{2,40}")),
                        "phone", "must be a phone number or WhatsApp id (digits, with + and spaces if you like) or an email address")
                .check(messageId == null || messageId.length() <= 500, "message_id", "is at most 500 characters")
                .check(filter.from() == null || filter.to() == null || filter.from().isBefore(filter.to()), "to", "must be after from")
                .check(filter.from() == null || filter.to() == null || Duration.between(filter.from(), filter.to()).compareTo(MAX_RANGE) <= 0, "to",
                        "the range is at most a year");
        errors.throwIfAny();
        return new ChannelRequestStore.Filter(filter.accounts() == null ? null : List.copyOf(filter.accounts()), direction, outcome == null ? null : outcome.toLowerCase(Locale.ROOT), address,
                messageId, filter.from(), filter.to());
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    /** For the daily purge: removes what is older than {@code before}, within the job's transaction. */
    int purge(Instant before) {
        return tenancy.sql(ChannelRequestStore.PURGE).setParameter(1, java.sql.Timestamp.from(before)).executeUpdate();
    }
}
