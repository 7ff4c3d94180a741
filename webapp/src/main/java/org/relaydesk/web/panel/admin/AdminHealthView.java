package org.relaydesk.web.panel.admin;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import org.relaydesk.web.health.HealthReport;
import org.relaydesk.web.panel.PanelSession;

/** /admin/health: the installation's health for its system administrator (backlogs and jobs span every workspace). */
@Named
@RequestScoped
public class AdminHealthView {
    @Inject
    HealthReport health;

    @Inject
    PanelSession session;

    private HealthReport.Report report;

    /** View action: a workspace admin runs one help desk, not the installation; 403 like any forbidden page. */
    public void requireSystemAdmin() throws IOException {
        if (!session.isSystemAdmin()) {
            FacesContext faces = FacesContext.getCurrentInstance();
            faces.getExternalContext().responseSendError(HttpServletResponse.SC_FORBIDDEN, "Only the system administrator");
            faces.responseComplete();
        }
    }

    public HealthReport.Report getReport() {
        if (!session.isSystemAdmin()) {
            throw new IllegalStateException("Only the system administrator sees the installation's health");
        }
        if (report == null) {
            report = health.report();
        }
        return report;
    }

    public String megabytes(long bytes) {
        return String.format("%,d MB", bytes / (1024 * 1024));
    }

    public String duration(Duration duration) {
        if (duration == null) {
            return "";
        }
        long seconds = duration.toSeconds();
        if (seconds < 1) {
            return duration.toMillis() + " ms";
        }
        if (seconds < 120) {
            return seconds + " s";
        }
        if (seconds < 7200) {
            return seconds / 60 + " min";
        }
        return seconds / 3600 + " h";
    }

    public String ago(Instant at) {
        return at == null ? "not yet" : duration(Duration.between(at, getReport().at())) + " ago";
    }

    public String seconds(double seconds) {
        return seconds <= 0 ? "none waiting" : duration(Duration.ofSeconds((long) seconds));
    }
}
