package org.relaydesk.web.panel;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Named;
import java.util.regex.Pattern;

/** The /expired page: where "Reload the page" leads, only ever a path of this site. */
@Named
@RequestScoped
public class ExpiredPage {
    /** A path of this site: one leading slash (not //host or /\host), no scheme, no control characters. */
    private static final Pattern LOCAL_PATH = Pattern.compile("^/(?![/\\\\])[A-Za-z0-9\\-._~/?=&%+,;:@]*$");

    public String getPage() {
        String given = FacesContext.getCurrentInstance().getExternalContext().getRequestParameterMap().get("page");
        return localPage(given);
    }

    /** The given page when it is a path of this site, else the start page (no open redirect through /expired). */
    static String localPage(String page) {
        return page != null && page.length() <= 2000 && LOCAL_PATH.matcher(page).matches() ? page : "/";
    }
}
