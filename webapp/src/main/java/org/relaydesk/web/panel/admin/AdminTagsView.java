package org.relaydesk.web.panel.admin;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;
import org.relaydesk.core.ticket.TagService;
import org.relaydesk.web.panel.PanelActions;

/** /admin/tags: the tags in use, busiest first; rename (or merge) and remove them everywhere. */
@Named
@ViewScoped
public class AdminTagsView implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final int SHOWN = 500;

    @Inject
    TagService tags;

    private List<TagService.TagUse> usage;
    private String renaming;
    private String newName;

    public List<TagService.TagUse> getUsage() {
        if (usage == null) {
            usage = tags.usage(SHOWN);
        }
        return usage;
    }

    public void startRename(String tag) {
        renaming = tag;
        newName = tag;
    }

    public void rename() {
        String from = renaming;
        if (PanelActions.attempt(() -> tags.rename(from, newName), "Tag " + from + " renamed to " + newName)) {
            renaming = null;
            usage = null;
        }
    }

    public void remove(String tag) {
        PanelActions.attempt(() -> tags.remove(tag), "Tag " + tag + " removed from every ticket");
        usage = null;
    }

    public String getRenaming() {
        return renaming;
    }

    public void setRenaming(String renaming) {
        this.renaming = renaming;
    }

    public String getNewName() {
        return newName;
    }

    public void setNewName(String newName) {
        this.newName = newName;
    }
}
