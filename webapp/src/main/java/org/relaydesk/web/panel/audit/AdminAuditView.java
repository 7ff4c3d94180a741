package org.relaydesk.web.panel.audit;

import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.relaydesk.core.audit.AuditAction;
import org.relaydesk.core.audit.AuditLog;
import org.relaydesk.web.panel.PanelActions;
import org.relaydesk.web.panel.PanelSession;

/** /admin/audit: the workspace's audit log, searched, paged ("Older entries"), exported and its chain checked. */
@Named
@ViewScoped
public class AdminAuditView implements Serializable {
    private static final long serialVersionUID = 1L;

    @Inject
    AuditLog log;

    @Inject
    PanelSession session;

    private String action;
    private String actor;
    private String from;
    private String to;
    private final List<AuditLog.Entry> entries = new ArrayList<>();
    private boolean more;
    private AuditLog.Verification verification;

    @PostConstruct
    void load() {
        search();
    }

    public void search() {
        entries.clear();
        page(null);
    }

    public void older() {
        page(entries.isEmpty() ? null : entries.get(entries.size() - 1).seq());
    }

    private void page(Long before) {
        PanelActions.attempt(() -> {
            int size = 50;
            List<AuditLog.Entry> page = log.search(session.getUser(), AuditFilters.of(action, actor, from, to).before(before, size));
            entries.addAll(page);
            more = page.size() == size;
        }, null);
    }

    public void verify() {
        PanelActions.attempt(() -> verification = log.verify(session.getUser()), null);
    }

    /** The export's address with the page's filters (a download the panel's session allows). */
    public String getExportLink() {
        return "/admin/audit/export?action=" + encode(action) + "&actor=" + encode(actor) + "&from=" + encode(from) + "&to=" + encode(to);
    }

    private static String encode(String value) {
        return value == null ? "" : URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    public List<AuditAction> getActions() {
        return List.of(AuditAction.values());
    }

    public List<AuditLog.Entry> getEntries() {
        return entries;
    }

    public boolean isMore() {
        return more;
    }

    public AuditLog.Verification getVerification() {
        return verification;
    }

    public String getAction() {
        return action;
    }

    public void setAction(String action) {
        this.action = action;
    }

    public String getActor() {
        return actor;
    }

    public void setActor(String actor) {
        this.actor = actor;
    }

    public String getFrom() {
        return from;
    }

    public void setFrom(String from) {
        this.from = from;
    }

    public String getTo() {
        return to;
    }

    public void setTo(String to) {
        this.to = to;
    }
}
