package org.relaydesk.web.panel.csat;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.time.Duration;
import java.time.Instant;
import org.relaydesk.core.csat.CsatReport;

/** The dashboards' CSAT card: the last 30 days' score (share of 4 and 5) and how many answered. */
@Named("csatKpi")
@RequestScoped
public class CsatKpiView {
    static final int DAYS = 30;

    @Inject
    CsatReport report;

    private CsatReport.Summary summary;

    private CsatReport.Summary summary() {
        if (summary == null) {
            Instant now = Instant.now();
            summary = report.summary(now.minus(Duration.ofDays(DAYS)), now);
        }
        return summary;
    }

    /** "87.5%", or "–" without responses. */
    public String getScore() {
        Double score = summary().score();
        return score == null ? "–" : (score == Math.rint(score) ? String.valueOf(score.longValue()) : String.valueOf(score)) + "%";
    }

    public long getResponses() {
        return summary().responses();
    }

    public long getSurveysSent() {
        return summary().surveysSent();
    }

    public int getDays() {
        return DAYS;
    }
}
