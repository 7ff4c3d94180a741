package org.relaydesk.web.panel.agent;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;
import org.jsoup.nodes.Entities;
import org.relaydesk.core.ticket.TicketSearch;

/**
 * /agent/tickets/search: full-text search over subjects, descriptions and whole conversations,
 * each hit with an excerpt in which the words found are highlighted.
 */
@Named
@ViewScoped
public class SearchView implements Serializable {
    private static final long serialVersionUID = 1L;
    static final int PAGE_SIZE = 20;

    @Inject
    TicketSearch search;

    private String query;
    private int page = 1;
    private List<TicketSearch.Hit> hits;

    public List<TicketSearch.Hit> getHits() {
        if (hits == null) {
            hits = query == null || query.isBlank() ? List.of() : search.searchWithExcerpts(query, page, PAGE_SIZE);
        }
        return hits;
    }

    public void runSearch() {
        page = 1;
        hits = null;
    }

    public void next() {
        page++;
        hits = null;
    }

    public void previous() {
        page = Math.max(1, page - 1);
        hits = null;
    }

    public boolean isMore() {
        return getHits().size() == PAGE_SIZE;
    }

    /** The excerpt escaped first, then the matches wrapped in mark: no ticket text can become markup. */
    public static String highlight(String excerpt) {
        StringBuilder html = new StringBuilder();
        boolean inside = false;
        for (String part : (excerpt == null ? "" : excerpt).split("[" + TicketSearch.MARK_START + TicketSearch.MARK_END + "]", -1)) {
            if (!part.isEmpty()) {
                html.append(inside ? "<mark>" : "").append(Entities.escape(part)).append(inside ? "</mark>" : "");
            }
            inside = !inside;
        }
        return html.toString();
    }

    public String highlighted(TicketSearch.Hit hit) {
        return highlight(hit.excerpt());
    }

    public String getQuery() {
        return query;
    }

    public void setQuery(String query) {
        this.query = query;
        hits = null;
    }

    public int getPage() {
        return page;
    }
}
