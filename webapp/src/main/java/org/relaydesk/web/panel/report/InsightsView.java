package org.relaydesk.web.panel.report;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;
import org.relaydesk.core.report.Insight;
import org.relaydesk.core.report.Insights;
import org.relaydesk.web.panel.PanelActions;

/** The supervisor dashboard's insights: what is likely to go wrong, why, and a button for the next step. */
@Named
@RequestScoped
public class InsightsView {
    @Inject
    Insights insights;

    private List<Insight> current;
    private List<Insights.Done> done;

    public List<Insight> getCurrent() {
        if (current == null) {
            current = insights.current();
        }
        return current;
    }

    public List<Insights.Done> getDone() {
        if (done == null) {
            done = insights.recentlyDone(5);
        }
        return done;
    }

    /** A button pressed: its action's id comes with the request, and the service checks it again. */
    public void act() {
        String actionId = jakarta.faces.context.FacesContext.getCurrentInstance().getExternalContext().getRequestParameterMap().get("action");
        PanelActions.attempt(() -> PanelActions.info(insights.act(actionId)), null);
        current = null;
        done = null;
    }
}
