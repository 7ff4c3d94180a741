package org.relaydesk.web.panel.privacy;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;
import org.relaydesk.core.privacy.PrivacyLookup;
import org.relaydesk.web.panel.PanelActions;
import org.relaydesk.web.panel.PanelSession;

/** /admin/privacy: find the contact a privacy request is about and download everything held about them. */
@Named
@ViewScoped
public class AdminPrivacyView implements Serializable {
    private static final long serialVersionUID = 1L;

    @Inject
    PrivacyLookup lookup;

    @Inject
    PanelSession session;

    private String query;
    private List<PrivacyLookup.Match> matches;

    public void search() {
        List<PrivacyLookup.Match>[] found = new List[1];
        if (PanelActions.attempt(() -> found[0] = lookup.find(session.getUser(), query), null)) {
            matches = found[0];
        }
    }

    public List<PrivacyLookup.Match> getMatches() {
        return matches;
    }

    public boolean isSearched() {
        return matches != null;
    }

    public String getQuery() {
        return query;
    }

    public void setQuery(String query) {
        this.query = query;
    }
}
