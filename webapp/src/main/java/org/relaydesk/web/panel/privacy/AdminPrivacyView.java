package org.relaydesk.web.panel.privacy;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;
import java.util.UUID;
import org.relaydesk.core.privacy.ContactErasure;
import org.relaydesk.core.privacy.PrivacyLookup;
import org.relaydesk.web.panel.PanelActions;
import org.relaydesk.web.panel.PanelSession;

/**
 * /admin/privacy: find the contact a privacy request is about, download everything held about them,
 * or erase their personal data after a preview of what it changes and a typed confirmation.
 */
@Named
@ViewScoped
public class AdminPrivacyView implements Serializable {
    private static final long serialVersionUID = 1L;
    /** What the admin types to confirm an erasure. */
    public static final String CONFIRMATION = "ERASE";

    @Inject
    PrivacyLookup lookup;

    @Inject
    ContactErasure erasure;

    @Inject
    PanelSession session;

    private String query;
    private List<PrivacyLookup.Match> matches;
    private PrivacyLookup.Match chosen;
    private boolean staffMessages = true;
    private boolean subjects = true;
    private boolean attachments = true;
    private ContactErasure.Report preview;
    private String confirmation;

    public void search() {
        List<PrivacyLookup.Match>[] found = new List[1];
        if (PanelActions.attempt(() -> found[0] = lookup.find(session.getUser(), query), null)) {
            matches = found[0];
            chosen = null;
            preview = null;
        }
    }

    /** "Erase…" on a row: the options and the preview of what they change. */
    public void choose(UUID contactId) {
        chosen = matches == null ? null : matches.stream().filter(m -> m.contactId().equals(contactId)).findFirst().orElse(null);
        confirmation = null;
        refreshPreview();
    }

    public void refreshPreview() {
        if (chosen == null) {
            return;
        }
        ContactErasure.Report[] report = new ContactErasure.Report[1];
        if (PanelActions.attempt(() -> report[0] = erasure.preview(session.getUser(), chosen.contactId(), options()), null)) {
            preview = report[0];
        }
    }

    public void erase() {
        if (chosen == null) {
            return;
        }
        if (!CONFIRMATION.equals(confirmation == null ? "" : confirmation.strip())) {
            PanelActions.error("Type " + CONFIRMATION + " to confirm: erasing cannot be undone.");
            return;
        }
        String name = chosen.name();
        if (PanelActions.attempt(() -> erasure.erase(session.getUser(), chosen.contactId(), options()),
                "The personal data of " + name + " was erased; their tickets keep their statistics.")) {
            chosen = null;
            preview = null;
            confirmation = null;
            matches = null;
        }
    }

    public void cancel() {
        chosen = null;
        preview = null;
        confirmation = null;
    }

    private ContactErasure.Options options() {
        return new ContactErasure.Options(staffMessages, subjects, attachments);
    }

    public List<PrivacyLookup.Match> getMatches() {
        return matches;
    }

    public boolean isSearched() {
        return matches != null;
    }

    public PrivacyLookup.Match getChosen() {
        return chosen;
    }

    /** "This changes 2 requests: 3 of their messages and 4 staff messages erased, 1 file deleted, …" */
    public String getPreviewSummary() {
        if (preview == null) {
            return "";
        }
        ContactErasure.Report p = preview;
        return "This changes " + count(p.tickets(), "request", "requests") + (p.contacts() > 1 ? " (of " + p.contacts() + " merged contact records)" : "")
                + ": " + count(p.customerMessages(), "message", "messages") + " of theirs" + (staffMessages ? " and " + count(p.staffMessages(),
                "staff message", "staff messages") : "") + " erased, " + count(p.attachments(), "file", "files") + " deleted, "
                + count(p.identities(), "address or number", "addresses and numbers") + " removed, " + (p.portalAccount() ? "their portal account deleted, " : "")
                + count(p.logEntries(), "log entry", "log entries") + " emptied or deleted.";
    }

    private static String count(int n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }

    public ContactErasure.Report getPreview() {
        return preview;
    }

    public String getQuery() {
        return query;
    }

    public void setQuery(String query) {
        this.query = query;
    }

    public boolean isStaffMessages() {
        return staffMessages;
    }

    public void setStaffMessages(boolean staffMessages) {
        this.staffMessages = staffMessages;
    }

    public boolean isSubjects() {
        return subjects;
    }

    public void setSubjects(boolean subjects) {
        this.subjects = subjects;
    }

    public boolean isAttachments() {
        return attachments;
    }

    public void setAttachments(boolean attachments) {
        this.attachments = attachments;
    }

    public String getConfirmation() {
        return confirmation;
    }

    public void setConfirmation(String confirmation) {
        this.confirmation = confirmation;
    }
}
