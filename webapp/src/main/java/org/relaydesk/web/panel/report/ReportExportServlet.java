package org.relaydesk.web.panel.report;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.relaydesk.core.error.InvalidInputException;
import org.relaydesk.core.error.PermissionDeniedException;
import org.relaydesk.core.report.AnalyticsService;
import org.relaydesk.core.report.ExportFormat;
import org.relaydesk.core.report.ExportReport;
import org.relaydesk.core.report.ReportFilter;
import org.relaydesk.core.report.ReportPeriod;
import org.relaydesk.core.report.ReportRows;
import org.relaydesk.web.panel.PanelActions;

/**
 * /agent/reports/export?report=&amp;format=&amp;from=&amp;to=&amp;team=...: the report pages' exports
 * (the tickets or a report, CSV or XLSX, as {@link ExportReport} and {@link ExportFormat}), for
 * the signed-in member of staff (the panel filter checked the session). The same rules as the API's
 * export: an agent gets their own tickets only, the filter is checked before the first byte, so a
 * refusal is an answer and never a cut-off file.
 */
@WebServlet("/agent/reports/export")
public class ReportExportServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Inject
    AnalyticsService analytics;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        ReportPeriod period;
        ReportFilter filter;
        ExportReport report;
        ExportFormat format;
        try {
            report = ExportReport.of(request.getParameter("report"));
            format = ExportFormat.of(request.getParameter("format"));
            period = analytics.period(request.getParameter("from"), request.getParameter("to"));
            filter = analytics.authorised(ReportFilter.of(request.getParameter("team"), request.getParameter("agent"), request.getParameter("category"),
                    request.getParameter("channel"), request.getParameter("priority"), request.getParameter("tags")));
        } catch (InvalidInputException e) {
            refuse(response, HttpServletResponse.SC_BAD_REQUEST, PanelActions.reason(e));
            return;
        } catch (PermissionDeniedException e) {
            refuse(response, HttpServletResponse.SC_FORBIDDEN, e.getMessage());
            return;
        }
        response.setContentType(format.contentType());
        response.setHeader("Content-Disposition", "attachment; filename=\"" + report.apiName() + "-" + period.from() + "-to-" + period.to() + "."
                + format.extension() + "\"");
        response.setHeader("Cache-Control", "private, no-store");
        response.setHeader("X-Content-Type-Options", "nosniff");
        try (ReportRows rows = format.open(response.getOutputStream(), report.apiName(), report.columns())) {
            analytics.read(filter, (figures, allowed) -> report.write(figures, period, allowed, rows));
        }
    }

    private static void refuse(HttpServletResponse response, int status, String reason) throws IOException {
        response.setStatus(status);
        response.setContentType("text/plain; charset=UTF-8");
        response.setHeader("Cache-Control", "no-store");
        response.getWriter().write(reason == null ? "Refused" : reason);
    }
}
