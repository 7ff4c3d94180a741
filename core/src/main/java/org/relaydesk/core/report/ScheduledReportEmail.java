package org.relaydesk.core.report;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.relaydesk.api.channel.OutboundAttachment;
import org.relaydesk.core.channel.NoticeMailer;
import org.relaydesk.core.outbox.OutboxDeliverer;
import org.relaydesk.core.outbox.OutboxEntry;
import org.relaydesk.core.persistence.Tenancy;
import org.relaydesk.core.user.Role;
import org.relaydesk.core.user.User;

/**
 * One scheduled report to one member of staff: the period's headline figures in the text and the
 * report's CSV attached, computed when it is sent and as the recipient may read them (an agent
 * only their own tickets). A CSV over 10 MB is not attached; the email says where to download it.
 */
@ApplicationScoped
public class ScheduledReportEmail implements OutboxDeliverer {
    static final int MAX_ATTACHMENT = 10 * 1024 * 1024;

    @Inject
    Tenancy tenancy;

    @Inject
    AnalyticsService analytics;

    @Inject
    NoticeMailer mailer;

    @Override
    public String kind() {
        return ScheduledReports.EMAIL_KIND;
    }

    @Override
    public void deliver(OutboxEntry entry) throws DeliveryFailed {
        JsonObject payload = entry.payloadObject();
        ReportSubscription subscription = tenancy.em().find(ReportSubscription.class, UUID.fromString(payload.getString("subscription_id")));
        User reader = tenancy.em().find(User.class, UUID.fromString(payload.getString("user_id")));
        if (subscription == null || reader == null || !reader.may(Role.AGENT) || !subscription.active()
                || !subscription.recipients().contains(reader.id())) {
            return; // deleted, switched off, or the recipient left it (or the desk) since it was queued: nothing to send
        }
        ReportPeriod period = new ReportPeriod(LocalDate.parse(payload.getString("from")), LocalDate.parse(payload.getString("to")),
                analytics.workspaceZone());
        ReportFilter filter = subscription.reportFilter();
        TicketAnalytics.Overview overview = analytics.readFor(reader, filter, (figures, allowed) -> figures.overview(period, allowed));
        BoundedBytes csv = new BoundedBytes(MAX_ATTACHMENT);
        String report = subscription.report();
        try {
            analytics.readFor(reader, filter, (figures, allowed) -> {
                try (ReportRows rows = ExportFormat.CSV.open(csv, report, ExportReport.of(report).columns())) {
                    ExportReport.of(report).write(figures, period, allowed, rows);
                }
                return null;
            });
        } catch (java.io.UncheckedIOException | IllegalStateException tooLarge) {
            if (!csv.full()) {
                throw tooLarge;
            }
        }
        boolean attached = !csv.full();
        byte[] bytes = attached ? csv.toByteArray() : new byte[0];
        String figuresPage = NoticeMailer.baseUrl() + (reader.may(Role.ADMIN) ? "/admin/tickets/analytics" : reader.may(Role.SUPERVISOR)
                ? "/supervisor/reports" : "/agent/reports");
        String fileName = report + "-" + period.from() + "-to-" + period.to() + ".csv";
        String text = "Hello " + reader.name() + ",\n\n" + subscription.name() + ", " + period.from() + " to " + period.to() + " (" + period.zone().getId() + ")"
                + (reader.may(Role.SUPERVISOR) ? "" : ", your tickets") + ":\n\n" + ReportText.overview(overview) + "\n"
                + (attached ? "The " + report + " report is attached (" + fileName + ").\n"
                        : "The " + report + " report is larger than 10 MB and is not attached; export it from " + figuresPage + "\n")
                + "\nMore figures: " + figuresPage + "\n";
        mailer.sendWithAttachments(reader.email(), reader.name(), subscription.name() + ": " + period.from() + " to " + period.to(), text,
                attached ? List.of(new OutboundAttachment(fileName, "text/csv", bytes)) : List.of());
    }

    /** The CSV as it is written, refusing more than the attachment may hold: a month of a large desk never fills the heap. */
    static final class BoundedBytes extends java.io.ByteArrayOutputStream {
        private final int limit;
        private boolean full;

        BoundedBytes(int limit) {
            this.limit = limit;
        }

        @Override
        public synchronized void write(byte[] bytes, int offset, int length) {
            if (count + length > limit) {
                full = true;
                throw new java.io.UncheckedIOException(new java.io.IOException("over " + limit + " bytes"));
            }
            super.write(bytes, offset, length);
        }

        @Override
        public synchronized void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        boolean full() {
            return full;
        }
    }
}
