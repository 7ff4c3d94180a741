package org.relaydesk.web.panel;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.primefaces.PrimeFaces;
import org.primefaces.event.SelectEvent;
import org.relaydesk.core.channel.NoticeMailer;
import org.relaydesk.core.kb.KbSearchHit;
import org.relaydesk.core.kb.KnowledgeBaseService;
import org.relaydesk.core.kb.Visibility;
import org.relaydesk.web.help.HelpSites;

/**
 * "Insert help article" in the reply box: the agent types a few words (typos forgiven, as the
 * help centre's search), picks a published article, and a link to its help-centre page goes into
 * the reply at the caret. Internal articles are never offered: the customer could not open them.
 */
@Named
@ViewScoped
public class ArticleLinkPicker implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final int SUGGESTIONS = 8;
    private static final int MAX_QUERY = 200;

    @Inject
    transient KnowledgeBaseService kb;

    @Inject
    transient HelpSites sites;

    /** The last suggestions by article id: the picker's items are ids, shown by title. */
    private final Map<String, KbSearchHit> offered = new LinkedHashMap<>();
    private String chosen;

    public List<String> complete(String query) {
        offered.clear();
        if (query == null || query.isBlank() || query.length() > MAX_QUERY) {
            return List.of();
        }
        kb.asStaff(base -> base.search(query.strip(), null, false, SUGGESTIONS)).stream()
                .filter(hit -> hit.visibility() != Visibility.INTERNAL)
                .forEach(hit -> offered.put(hit.id().toString(), hit));
        return List.copyOf(offered.keySet());
    }

    /** "Title · en" for an offered id. */
    public String label(String id) {
        KbSearchHit hit = offered.get(id);
        return hit == null ? "" : hit.title() + " · " + hit.language();
    }

    /** The picked article as a link, handed back to the page, which inserts it into the editor. */
    public void insert(SelectEvent<String> event) {
        KbSearchHit hit = offered.get(event.getObject());
        chosen = null;
        if (hit == null) {
            return; // not one this view offered: nothing to insert
        }
        String url = NoticeMailer.baseUrl() + sites.current().path("/article/" + hit.slug());
        PrimeFaces.current().ajax().addCallbackParam("article", "<a href=\"" + org.jsoup.nodes.Entities.escape(url) + "\">"
                + org.jsoup.nodes.Entities.escape(hit.title()) + "</a>");
    }

    public String getChosen() {
        return chosen;
    }

    public void setChosen(String chosen) {
        this.chosen = chosen;
    }
}
