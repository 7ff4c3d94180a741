package org.relaydesk.core.report;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.logging.Logger;
import org.relaydesk.core.job.OwnTransaction;
import org.relaydesk.core.job.ScheduledJob;
import org.relaydesk.core.persistence.Tenancy;

/** Every minute: the scheduled reports that are due, each queued in a transaction of its own (a failing one never holds up the others). */
@ApplicationScoped
public class ScheduledReportJob implements ScheduledJob {
    private static final Logger LOG = Logger.getLogger(ScheduledReportJob.class.getName());

    @Inject
    Tenancy tenancy;

    @Inject
    ScheduledReports reports;

    @Override
    public String name() {
        return "report.schedule";
    }

    @Override
    public Duration interval() {
        return Duration.ofMinutes(1);
    }

    @Override
    public void run() {
        @SuppressWarnings("unchecked")
        List<Object[]> due = tenancy.sql("SELECT CAST(id AS text), CAST(workspace_id AS text) FROM report_subscriptions WHERE active "
                + "AND next_run_at <= now() ORDER BY next_run_at LIMIT 100").getResultList();
        for (Object[] row : due) {
            UUID id = UUID.fromString(row[0].toString());
            tenancy.actAs(UUID.fromString(row[1].toString()));
            try {
                reports.runDue(id);
            } catch (RuntimeException e) {
                LOG.warning(() -> "Scheduled report " + id + " could not be queued: " + OwnTransaction.reasonOf(e));
            }
        }
    }
}
