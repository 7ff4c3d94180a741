package org.relaydesk.web.health;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.relaydesk.core.ops.Backlogs;
import org.relaydesk.core.plugin.PluginHost;
import org.relaydesk.web.startup.JobTimes;
import org.relaydesk.web.widget.ChatSockets;

/**
 * What an operator checks first when something is wrong, on one page (/admin/health): the database,
 * what is waiting to be sent or filed, whether each background job keeps its rhythm, the plugins'
 * health, and this node's load. The same figures as /metrics, read when asked and put in words.
 */
@ApplicationScoped
public class HealthReport {
    /** A job is late when its last run ended longer ago than this many intervals, plus a minute of grace. */
    static final int LATE_AFTER_INTERVALS = 3;

    @Resource(lookup = "java:app/jdbc/relaydesk")
    DataSource dataSource;

    @Inject
    Backlogs backlogs;

    @Inject
    JobTimes jobs;

    @Inject
    PluginHost plugins;

    Clock clock = Clock.systemUTC();

    public record Database(boolean reachable, String version, long sizeBytes, int connections, String problem) {
    }

    public record Job(String name, Duration interval, Instant lastEnd, Duration lastDuration, long runs, long failures, String state) {
    }

    public record Node(long heapUsedBytes, long heapMaxBytes, int processors, Duration uptime, int sessions, int sockets) {
    }

    public record Report(Instant at, Database database, Backlogs.Figures backlog, List<Job> jobs, List<PluginHost.PluginInfo> plugins, Node node) {
        /** Problems in a few words each, worst first; empty when all is well. */
        public List<String> problems() {
            List<String> problems = new ArrayList<>();
            if (!database.reachable()) {
                problems.add("The database does not answer: " + database.problem());
            }
            if (backlog != null && backlog.outboxOldestSeconds() > 600) {
                problems.add("Replies and notices have waited " + Math.round(backlog.outboxOldestSeconds() / 60) + " minutes to be sent");
            }
            if (backlog != null && backlog.inboundOldestSeconds() > 600) {
                problems.add("Incoming messages have waited " + Math.round(backlog.inboundOldestSeconds() / 60) + " minutes to be filed");
            }
            if (backlog != null && backlog.inboundFailed() > 0) {
                problems.add(backlog.inboundFailed() + " incoming message(s) set aside: retry them on Channels");
            }
            jobs.stream().filter(j -> !j.state().equals("on time")).forEach(j -> problems.add("Job " + j.name() + ": " + j.state()));
            plugins.stream().filter(p -> p.enabled() && !"ok".equals(p.health()))
                    .forEach(p -> problems.add("Plugin " + p.id() + ": " + p.health()));
            return problems;
        }
    }

    public Report report() {
        Instant now = clock.instant();
        Database database = database();
        Backlogs.Figures backlog = null;
        if (database.reachable()) {
            try {
                backlog = backlogs.now();
            } catch (RuntimeException e) {
                database = new Database(false, database.version(), database.sizeBytes(), database.connections(), e.getMessage());
            }
        }
        List<Job> jobList = new ArrayList<>();
        for (Map.Entry<String, JobTimes.Times> job : jobs.all().entrySet()) {
            JobTimes.Times t = job.getValue();
            jobList.add(new Job(job.getKey(), t.interval(), t.lastEnd(), t.lastDuration(), t.runs(), t.failures(), state(t, now)));
        }
        jobList.sort(Comparator.comparing(Job::name));
        Runtime runtime = Runtime.getRuntime();
        Node node = new Node(runtime.totalMemory() - runtime.freeMemory(), runtime.maxMemory(), runtime.availableProcessors(),
                Duration.ofMillis(java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime()), ActiveSessions.count(),
                ChatSockets.openCount());
        return new Report(now, database, backlog, jobList, plugins.list(), node);
    }

    /**
     * "on time", "late (last ended 12 minutes ago)", "not run yet" (past its grace) or "its last run failed".
     * Jobs run once per cluster: a node that lost the turn to another shows the other's rhythm as its own lack.
     */
    String state(JobTimes.Times times, Instant now) {
        Duration grace = times.interval().multipliedBy(LATE_AFTER_INTERVALS).plusMinutes(1);
        if (times.lastEnd() == null) {
            Duration up = Duration.ofMillis(java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime());
            return up.compareTo(grace) > 0 ? "not run since this node started" : "on time";
        }
        Duration since = Duration.between(times.lastEnd(), now);
        if (since.compareTo(grace) > 0) {
            return "late (last ended " + since.toMinutes() + " minutes ago)";
        }
        return "on time";
    }

    private Database database() {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT current_setting('server_version'), pg_database_size(current_database()),"
                        + " (SELECT count(*) FROM pg_stat_activity WHERE datname = current_database())")) {
            rows.next();
            return new Database(true, rows.getString(1), rows.getLong(2), rows.getInt(3), null);
        } catch (SQLException e) {
            return new Database(false, null, 0, 0, e.getMessage());
        }
    }
}
