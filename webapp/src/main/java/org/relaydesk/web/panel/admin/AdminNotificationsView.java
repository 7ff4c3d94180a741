package org.relaydesk.web.panel.admin;

import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;
import org.relaydesk.core.notice.NoticeKind;
import org.relaydesk.core.notice.NoticeTemplates;
import org.relaydesk.core.notice.NoticeText;
import org.relaydesk.web.panel.PanelActions;

/** /admin/notifications: the wording of each notice the workspace sends, with a preview and a way back to the default. */
@Named
@ViewScoped
public class AdminNotificationsView implements Serializable {
    private static final long serialVersionUID = 1L;

    @Inject
    NoticeTemplates templates;

    private String key = NoticeKind.CUSTOMER_REPLY.key();
    private String subject;
    private String body;
    private boolean custom;
    private NoticeText preview;

    @PostConstruct
    void init() {
        load();
    }

    public List<NoticeKind> getKinds() {
        return List.of(NoticeKind.values());
    }

    public NoticeKind getKind() {
        return NoticeKind.of(key).orElse(NoticeKind.CUSTOMER_REPLY);
    }

    /** Another notice chosen: its current wording. */
    public void load() {
        NoticeTemplates.Template template = templates.get(getKind());
        subject = template.subject();
        body = template.body();
        custom = template.custom();
        preview = null;
    }

    public void save() {
        if (PanelActions.attempt(() -> templates.save(getKind(), subject, body), "Saved: " + getKind().title())) {
            load();
        }
    }

    public void reset() {
        if (PanelActions.attempt(() -> templates.reset(getKind()), "Back to the default wording: " + getKind().title())) {
            load();
        }
    }

    public void showPreview() {
        preview = null;
        PanelActions.attempt(() -> preview = templates.preview(getKind(), subject, body), null);
    }

    public String getVariables() {
        return String.join(" ", getKind().variables().stream().map(v -> "{{" + v + "}}").toList());
    }

    public String getKey() {
        return key;
    }

    public void setKey(String key) {
        this.key = NoticeKind.of(key).map(NoticeKind::key).orElse(this.key);
    }

    public String getSubject() {
        return subject;
    }

    public void setSubject(String subject) {
        this.subject = subject;
    }

    public String getBody() {
        return body;
    }

    public void setBody(String body) {
        this.body = body;
    }

    public boolean isCustom() {
        return custom;
    }

    public NoticeText getPreview() {
        return preview;
    }
}
