package org.relaydesk.web.panel.admin;

import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.relaydesk.core.assist.AssistService;
import org.relaydesk.core.assist.AssistSettings;
import org.relaydesk.core.error.InvalidInputException;
import org.relaydesk.web.panel.PanelActions;

/**
 * /admin/assist: what the assistant may do by itself in this workspace (apply triage above a
 * confidence, escalate frustrated customers, answer in the widget), learning the workspace again now,
 * and how its suggestions fared per feature (accepted, edited, rejected). The model's endpoint and
 * key are the plugin's own settings, on /admin/plugins.
 */
@Named
@ViewScoped
public class AdminAssistView implements Serializable {
    private static final long serialVersionUID = 1L;

    @Inject
    transient AssistService assist;

    private String applyAbove;
    private boolean escalateFrustrated;
    private boolean widgetAnswers;
    private String learnt;

    /** One feature's counts, as the table shows them. */
    public record FeatureRow(String feature, long suggested, long applied, long accepted, long edited, long rejected, long failed) implements Serializable {
        public String getAcceptance() {
            long decided = accepted + edited + rejected;
            return decided == 0 ? "–" : Math.round(100.0 * (accepted + edited) / decided) + " %";
        }
    }

    @PostConstruct
    void load() {
        AssistSettings settings = assist.settings();
        applyAbove = settings.applyAbove() == null ? "" : settings.applyAbove().toPlainString();
        escalateFrustrated = settings.escalateFrustrated();
        widgetAnswers = settings.widgetAnswers();
    }

    public boolean isAvailable() {
        return assist.available();
    }

    public void save() {
        BigDecimal threshold;
        try {
            threshold = applyAbove == null || applyAbove.isBlank() ? null : new BigDecimal(applyAbove.strip().replace(',', '.'));
        } catch (NumberFormatException e) {
            PanelActions.error("Apply by itself above: a number from 0.5 to 1, or empty to only suggest");
            return;
        }
        AssistSettings settings;
        try {
            settings = new AssistSettings(threshold, escalateFrustrated, widgetAnswers);
        } catch (InvalidInputException e) {
            PanelActions.error("Apply by itself above: " + e.fieldErrors().values().iterator().next());
            return;
        }
        PanelActions.attempt(() -> assist.saveSettings(settings), "Assistant settings saved");
    }

    public void learnNow() {
        PanelActions.attempt(() -> learnt = assist.retrain(), null);
        if (learnt != null) {
            PanelActions.info("Learnt: " + learnt);
        }
    }

    public List<FeatureRow> getFeedback() {
        List<FeatureRow> rows = new ArrayList<>();
        for (Map.Entry<String, Map<String, Long>> feature : assist.feedback().entrySet()) {
            Map<String, Long> c = feature.getValue();
            rows.add(new FeatureRow(feature.getKey().replace('_', ' '), c.getOrDefault("suggested", 0L), c.getOrDefault("applied", 0L),
                    c.getOrDefault("accepted", 0L), c.getOrDefault("edited", 0L), c.getOrDefault("rejected", 0L), c.getOrDefault("failed", 0L)));
        }
        return rows;
    }

    public String getApplyAbove() {
        return applyAbove;
    }

    public void setApplyAbove(String applyAbove) {
        this.applyAbove = applyAbove;
    }

    public boolean isEscalateFrustrated() {
        return escalateFrustrated;
    }

    public void setEscalateFrustrated(boolean escalateFrustrated) {
        this.escalateFrustrated = escalateFrustrated;
    }

    public boolean isWidgetAnswers() {
        return widgetAnswers;
    }

    public void setWidgetAnswers(boolean widgetAnswers) {
        this.widgetAnswers = widgetAnswers;
    }
}
