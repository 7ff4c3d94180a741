package org.relaydesk.core.report;

import jakarta.json.JsonObject;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.relaydesk.core.persistence.WorkspaceOwned;
import org.relaydesk.core.text.Jsonp;

/**
 * A report emailed on a schedule to members of staff. Its filter is kept as the analytics API's
 * query parameters (team, agent, category, channel, priority, tags) and read again at each sending.
 */
@Entity
@Table(name = "report_subscriptions")
public class ReportSubscription extends WorkspaceOwned {
    @Column(nullable = false)
    private String name;

    /** tickets, agents or volume: which CSV is attached. */
    @Column(nullable = false)
    private String report;

    @Column(nullable = false)
    private String frequency;

    @Column(nullable = false)
    private String filter = "{}";

    /** User ids, space-separated. */
    @Column(nullable = false)
    private String recipients;

    @Column(nullable = false)
    private boolean active = true;

    @Column(name = "created_by")
    private UUID createdBy;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "next_run_at", nullable = false)
    private Instant nextRunAt;

    @Column(name = "last_sent_at")
    private Instant lastSentAt;

    protected ReportSubscription() {
    }

    ReportSubscription(UUID createdBy, Instant now) {
        this.createdBy = createdBy;
        this.createdAt = now;
    }

    void change(String name, String report, ReportSchedule frequency, JsonObject filter, Set<UUID> recipients, boolean active, Instant nextRunAt) {
        this.name = name;
        this.report = report;
        this.frequency = frequency.apiName();
        this.filter = filter.toString();
        this.recipients = recipients.stream().map(UUID::toString).collect(Collectors.joining(" "));
        this.active = active;
        this.nextRunAt = nextRunAt;
    }

    void sent(Instant at, Instant next) {
        lastSentAt = at;
        nextRunAt = next;
    }

    public String name() {
        return name;
    }

    public String report() {
        return report;
    }

    public ReportSchedule frequency() {
        return ReportSchedule.of(frequency).orElse(ReportSchedule.WEEKLY);
    }

    public JsonObject filter() {
        try (var reader = Jsonp.createReader(filter)) {
            return reader.readObject();
        }
    }

    public ReportFilter reportFilter() {
        JsonObject f = filter();
        return ReportFilter.of(f.getString("team", null), f.getString("agent", null), f.getString("category", null), f.getString("channel", null),
                f.getString("priority", null), f.getString("tags", null));
    }

    public Set<UUID> recipients() {
        return Arrays.stream(recipients.split(" ")).filter(s -> !s.isBlank()).map(UUID::fromString).collect(Collectors.toCollection(LinkedHashSet::new));
    }

    public boolean active() {
        return active;
    }

    public UUID createdBy() {
        return createdBy;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant nextRunAt() {
        return nextRunAt;
    }

    public Instant lastSentAt() {
        return lastSentAt;
    }
}
