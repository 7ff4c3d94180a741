package org.relaydesk.web.panel.admin;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;
import java.util.UUID;
import org.relaydesk.core.canned.CannedResponse;
import org.relaydesk.core.canned.CannedResponseService;
import org.relaydesk.web.panel.PanelActions;

/** /admin/canned-responses: the shared saved replies, by category, with "/" shortcuts. */
@Named
@ViewScoped
public class AdminCannedView implements Serializable {
    private static final long serialVersionUID = 1L;

    @Inject
    CannedResponseService canned;

    private List<CannedResponse> responses;
    private String editingId;
    private String title;
    private String shortcut;
    private String category;
    private String content;

    public List<CannedResponse> getResponses() {
        if (responses == null) {
            responses = canned.list().stream()
                    .sorted(java.util.Comparator.comparing((CannedResponse c) -> c.category() == null ? "~" : c.category())
                            .thenComparing(CannedResponse::title))
                    .toList();
        }
        return responses;
    }

    public void startNew() {
        editingId = null;
        title = null;
        shortcut = null;
        category = null;
        content = null;
    }

    public void edit(CannedResponse response) {
        editingId = response.id().toString();
        title = response.title();
        shortcut = response.shortcut();
        category = response.category();
        content = response.content();
    }

    public void save() {
        var input = new CannedResponseService.CannedInput(title, shortcut, category, content);
        boolean saved = editingId == null
                ? PanelActions.attempt(() -> canned.create(input), "Canned response " + title + " added")
                : PanelActions.attempt(() -> canned.update(UUID.fromString(editingId), input), "Canned response " + title + " saved");
        if (saved) {
            startNew();
            responses = null;
        }
    }

    public void delete(CannedResponse response) {
        PanelActions.attempt(() -> canned.delete(response.id()), "Canned response " + response.title() + " deleted");
        responses = null;
    }

    public boolean isEditing() {
        return editingId != null;
    }

    public String getEditingId() {
        return editingId;
    }

    public void setEditingId(String editingId) {
        this.editingId = editingId == null || editingId.isBlank() ? null : editingId;
    }

    public String getTitle() {
        return title;
    }

    public void setTitle(String title) {
        this.title = title;
    }

    public String getShortcut() {
        return shortcut;
    }

    public void setShortcut(String shortcut) {
        this.shortcut = shortcut;
    }

    public String getCategory() {
        return category;
    }

    public void setCategory(String category) {
        this.category = category;
    }

    public String getContent() {
        return content;
    }

    public void setContent(String content) {
        this.content = content;
    }
}
