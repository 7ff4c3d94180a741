package org.relaydesk.web.health;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.relaydesk.core.ops.Backlogs;
import org.relaydesk.web.startup.JobTimes;

/**
 * The server's own figures for /metrics, in a Micrometer registry written in the Prometheus text
 * format: requests per route (method, status class, and a latency histogram with fixed buckets),
 * the outbox and inbound backlogs (read at most every 5 s, whatever the scrape rate), job lag, panel
 * sessions and the widget's live connections on this node. Routes are the API's templates
 * ({@code /api/tickets/{id}}) and, for pages, the section ({@code /agent}), so their number is bounded.
 */
@ApplicationScoped
public class ServerMetrics {
    static final Duration BACKLOG_FRESH_FOR = Duration.ofSeconds(5);
    private static final Duration[] BUCKETS = {Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50),
        Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5),
        Duration.ofSeconds(10)};

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final AtomicReference<Snapshot> backlog = new AtomicReference<>();

    @Inject
    Backlogs backlogs;

    @Inject
    JobTimes jobs;

    @Inject
    org.relaydesk.web.cluster.ClusterRelay cluster;

    private record Snapshot(Instant at, Backlogs.Figures figures) {
    }

    @PostConstruct
    void gauges() {
        Gauge.builder("relaydesk.outbox.pending", this, m -> m.backlog().outboxPending()).description("Outbox entries (replies, notices, webhooks) not sent yet")
                .register(registry);
        Gauge.builder("relaydesk.outbox.oldest.pending.age", this, m -> m.backlog().outboxOldestSeconds()).baseUnit("seconds")
                .description("Age of the oldest outbox entry not sent yet").register(registry);
        Gauge.builder("relaydesk.inbound.pending", this, m -> m.backlog().inboundPending()).description("Inbound messages stored and not filed yet")
                .register(registry);
        Gauge.builder("relaydesk.inbound.oldest.pending.age", this, m -> m.backlog().inboundOldestSeconds()).baseUnit("seconds")
                .description("Age of the oldest inbound message not filed yet").register(registry);
        Gauge.builder("relaydesk.inbound.failed", this, m -> m.backlog().inboundFailed()).description("Inbound messages set aside (retryable on /admin/channels)")
                .register(registry);
        Gauge.builder("relaydesk.cluster.members", cluster, c -> c.members().orElse(1)).description("Nodes this node sees in its cluster (1: alone)")
                .register(registry);
        Gauge.builder("relaydesk.sessions.active", ActiveSessions::count).description("Panel and portal sessions on this node").register(registry);
        Gauge.builder("relaydesk.widget.sockets.open", org.relaydesk.web.widget.ChatSockets::openCount)
                .description("The widget's live chat connections open on this node").register(registry);
    }

    /** One answered request. {@code route} from {@link #route}; the status is counted by class (2xx, 4xx...). */
    void request(String route, String method, int status, long nanos) {
        Timer.builder("relaydesk.http.server.requests").description("Requests answered, by route, method and status class")
                .tags("route", route, "method", method, "status", (status / 100) + "xx").serviceLevelObjectives(BUCKETS).register(registry)
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    /** The registry's figures and the jobs' (read from {@link JobTimes} at each scrape), in the Prometheus text format. */
    String scrape() {
        Instant now = Instant.now();
        for (Map.Entry<String, JobTimes.Times> job : jobs.all().entrySet()) {
            JobTimes.Times t = job.getValue();
            Gauge.builder("relaydesk.job.since.last.run", jobs, j -> sinceLastRun(j, job.getKey())).baseUnit("seconds").tag("job", job.getKey())
                    .description("Seconds since the job's last run on this node ended (-1: not yet)").register(registry);
            Gauge.builder("relaydesk.job.interval", t.interval(), Duration::toSeconds).baseUnit("seconds").tag("job", job.getKey())
                    .description("The pause between the job's runs").register(registry);
            Gauge.builder("relaydesk.job.last.duration", jobs, j -> duration(j, job.getKey())).baseUnit("seconds").tag("job", job.getKey())
                    .description("How long the job's last run took").register(registry);
            Gauge.builder("relaydesk.job.failures", jobs, j -> failures(j, job.getKey())).tag("job", job.getKey())
                    .description("Runs of the job that failed on this node since it started").register(registry);
        }
        return registry.scrape();
    }

    private static double sinceLastRun(JobTimes jobs, String name) {
        JobTimes.Times t = jobs.all().get(name);
        return t == null || t.lastEnd() == null ? -1 : Duration.between(t.lastEnd(), Instant.now()).toMillis() / 1000.0;
    }

    private static double duration(JobTimes jobs, String name) {
        JobTimes.Times t = jobs.all().get(name);
        return t == null ? 0 : t.lastDuration().toMillis() / 1000.0;
    }

    private static double failures(JobTimes jobs, String name) {
        JobTimes.Times t = jobs.all().get(name);
        return t == null ? 0 : t.failures();
    }

    private Backlogs.Figures backlog() {
        Snapshot known = backlog.get();
        if (known == null || known.at().plus(BACKLOG_FRESH_FOR).isBefore(Instant.now())) {
            known = new Snapshot(Instant.now(), backlogs.now());
            backlog.set(known);
        }
        return known.figures();
    }

    /** A page's route: its section ("/agent", "/help"), so that ticket numbers and slugs never become labels. */
    static String section(String path) {
        if (path == null || path.isEmpty() || path.equals("/")) {
            return "/";
        }
        int next = path.indexOf('/', 1);
        String first = next < 0 ? path : path.substring(0, next);
        return switch (first) {
            case "/agent", "/admin", "/supervisor", "/portal", "/help", "/widget", "/widget.js", "/track", "/track.html", "/login", "/health", "/metrics",
                    "/jakarta.faces.resource", "/graphql", "/api", "/csat", "/forgot-password", "/set-password" -> first;
            default -> first.endsWith(".xhtml") ? "/pages" : "/other";
        };
    }
}
