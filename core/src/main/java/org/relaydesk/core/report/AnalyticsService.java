package org.relaydesk.core.report;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import javax.sql.DataSource;
import org.relaydesk.core.access.Access;
import org.relaydesk.core.access.RequiresRole;
import org.relaydesk.core.error.PermissionDeniedException;
import org.relaydesk.core.persistence.Tenancy;
import org.relaydesk.core.user.AuthenticatedUser;
import org.relaydesk.core.user.Role;
import org.relaydesk.core.workspace.Workspace;

/**
 * The door to the ticket figures: reads them in one transaction for the signed-in member of staff
 * in their workspace. Supervisors and admins read the whole workspace; an agent reads their own
 * figures only (the agent filter is set to them, and asking for a colleague's is refused), checked
 * here whichever page or endpoint asks.
 */
@ApplicationScoped
public class AnalyticsService {
    @Inject
    Access access;

    @Inject
    Tenancy tenancy;

    @Inject
    org.relaydesk.core.ticket.TicketVisibility visibility;

    @Resource(lookup = "java:app/jdbc/relaydesk")
    DataSource dataSource;

    @Resource
    jakarta.enterprise.concurrent.ManagedExecutorService executor;

    /** Second connections that reports may hold at once (of the pool's 48). */
    static final int SIDE_READS = 8;

    private final java.util.concurrent.Semaphore sideReads = new java.util.concurrent.Semaphore(SIDE_READS);

    /** Replaced in tests. */
    Clock clock = Clock.systemUTC();

    /** One report's work on the figures, with the filter as the caller may use it. */
    @FunctionalInterface
    public interface Report<T> {
        T read(TicketAnalytics analytics, ReportFilter filter) throws SQLException;
    }

    /** The period from the request's dates, in whole days of the workspace's time zone (see {@link ReportPeriod#of}). */
    @Transactional
    @RequiresRole(Role.AGENT)
    public ReportPeriod period(String from, String to) {
        return ReportPeriod.of(from, to, zone(), clock);
    }

    @Transactional
    @RequiresRole(Role.AGENT)
    public <T> T read(ReportFilter filter, Report<T> report) {
        ReportFilter allowed = allowed(filter);
        try (Connection connection = reportConnection()) {
            return report.read(figures(connection), allowed);
        } catch (SQLException e) {
            throw new IllegalStateException("The figures are unavailable: " + e.getMessage(), e);
        }
    }

    /**
     * Figures of the whole workspace that the report filters do not narrow (a channel's traffic):
     * supervisors and admins only, and in a workspace restricted to teams only what touches the
     * tickets the supervisor may see (the filter given to {@code report} says so).
     */
    @Transactional
    @RequiresRole(Role.SUPERVISOR)
    public <T> T readWorkspace(Report<T> report) {
        try (Connection connection = reportConnection()) {
            return report.read(figures(connection), allowed(ReportFilter.none()));
        } catch (SQLException e) {
            throw new IllegalStateException("The figures are unavailable: " + e.getMessage(), e);
        }
    }

    /**
     * For the server's own work (a scheduled report): the figures as {@code reader} may read them,
     * a supervisor or admin the whole workspace, an agent only their own, whatever the filter says.
     */
    public <T> T readFor(org.relaydesk.core.user.User reader, ReportFilter filter, Report<T> report) {
        if (!access.systemWork()) {
            throw new PermissionDeniedException("Reading for someone else is the server's own work");
        }
        ReportFilter allowed = reader.may(Role.SUPERVISOR) ? filter : filter.ofAgent(reader.id());
        Workspace workspace = tenancy.global().find(Workspace.class, tenancy.workspaceId());
        if (!reader.may(Role.ADMIN) && workspace != null && workspace.restrictsToTeams()) {
            allowed = allowed.visibleTo(reader.id());
        }
        try (Connection connection = reportConnection()) {
            return report.read(figures(connection), allowed);
        } catch (SQLException e) {
            throw new IllegalStateException("The figures are unavailable: " + e.getMessage(), e);
        }
    }

    /**
     * The figures of the caller's workspace on {@code connection}, with a second connection for the
     * statements a report can run beside its first (see {@link TicketAnalytics}). At most
     * {@link #SIDE_READS} such second connections at once across the server: past that a report runs
     * its statements one after another on its own, so that reports waiting for second connections can
     * never hold the whole pool.
     */
    private TicketAnalytics figures(Connection connection) {
        java.util.UUID workspace = tenancy.workspaceId();
        return new TicketAnalytics(connection, workspace, clock, new TicketAnalytics.Beside() {
            @Override
            public <T> java.util.concurrent.CompletableFuture<T> start(TicketAnalytics.SideRead<T> read) {
                if (executor == null || !sideReads.tryAcquire()) {
                    return null;
                }
                try {
                    return java.util.concurrent.CompletableFuture.supplyAsync(() -> sideRead(workspace, read), executor)
                            .whenComplete((value, failure) -> sideReads.release());
                } catch (java.util.concurrent.RejectedExecutionException busy) {
                    sideReads.release();
                    return null;
                }
            }
        });
    }

    /** On a connection of its own, in a transaction of its own that only reads (rolled back). */
    private <T> T sideRead(java.util.UUID workspace, TicketAnalytics.SideRead<T> read) {
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try {
                reportSettings(connection);
                return read.read(new TicketAnalytics(connection, workspace, clock));
            } finally {
                connection.rollback();
                connection.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new java.util.concurrent.CompletionException(e);
        }
    }

    /**
     * A connection for the reports of this transaction. PostgreSQL would compile these large-looking
     * plans to machine code first (JIT), which cost about 80 ms on a cold statement and saved nothing
     * at these sizes; and a report sorts a period's durations for its percentiles (211,000 of them for
     * 90 days of a 1M-ticket desk; a year is four times that), so it gets sort memory to spare rather
     * than spilling to disk. Both only for this transaction (SET LOCAL): the desk's other queries keep
     * the server's settings.
     */
    private Connection reportConnection() throws SQLException {
        Connection connection = dataSource.getConnection();
        try {
            reportSettings(connection);
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
        return connection;
    }

    private static void reportSettings(Connection connection) throws SQLException {
        try (java.sql.Statement settings = connection.createStatement()) {
            settings.execute("SET LOCAL work_mem = '64MB'");
            settings.execute("SET LOCAL jit = off");
        }
    }

    /** The workspace's time zone (UTC when it has none that Java knows). */
    public ZoneId workspaceZone() {
        return zone();
    }

    /**
     * The filter as the caller may use it (an agent's set to them; a colleague's refused), checked
     * before an export starts streaming, so that a refusal is an answer and not a cut-off file.
     */
    @RequiresRole(Role.AGENT)
    public ReportFilter authorised(ReportFilter filter) {
        return allowed(filter);
    }

    @Inject
    jakarta.enterprise.event.Event<org.relaydesk.core.audit.Audited> audit;

    /** An export about to be streamed, recorded in the audit log (what and which days; never its rows). */
    @jakarta.transaction.Transactional
    @RequiresRole(Role.AGENT)
    public void exporting(String report, ReportPeriod period, String format) {
        audit.fire(org.relaydesk.core.audit.Audited.of(tenancy.workspaceId(), org.relaydesk.core.audit.AuditAction.TICKETS_EXPORTED, "report", null, report)
                .changed(null, report + " report, " + period.from() + " to " + period.to() + ", " + format));
    }

    /** Whether the caller reads the whole workspace (a supervisor or admin) or only their own figures. */
    public boolean readsEveryone() {
        return access.current().map(u -> u.role().atLeast(Role.SUPERVISOR)).orElse(access.systemWork());
    }

    private ReportFilter allowed(ReportFilter filter) {
        // a workspace restricted to teams: a supervisor's (and an agent's) figures are of the tickets they may see
        ReportFilter seen = access.systemWork() ? filter : visibility.restriction().map(r -> filter.visibleTo(r.userId())).orElse(filter);
        if (readsEveryone()) {
            return seen;
        }
        AuthenticatedUser agent = access.current().orElseThrow(() -> new PermissionDeniedException("Sign in as staff to read the figures"));
        if (filter.agentId() != null && !filter.agentId().equals(agent.id())) {
            throw new PermissionDeniedException("Agents read their own figures; a supervisor reads their colleagues'");
        }
        return seen.ofAgent(agent.id());
    }

    private ZoneId zone() {
        Workspace workspace = tenancy.global().find(Workspace.class, tenancy.workspaceId());
        try {
            return workspace == null ? ZoneOffset.UTC : ZoneId.of(workspace.timeZone());
        } catch (DateTimeException e) {
            return ZoneOffset.UTC; // a zone the JDK no longer knows: UTC rather than no figures
        }
    }
}
