package org.relaydesk.web.panel.admin;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;
import java.util.UUID;
import org.relaydesk.core.ticket.Category;
import org.relaydesk.core.ticket.CategoryService;
import org.relaydesk.core.ticket.CategoryTree;
import org.relaydesk.web.panel.PanelActions;

/** /admin/categories: the category tree with colours; a category can move under another. */
@Named
@ViewScoped
public class AdminCategoriesView implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final String DEFAULT_COLOR = "#3B82F6";

    @Inject
    CategoryService categories;

    private List<CategoryTree.Node> tree;
    private String editingId;
    private String name;
    private String description;
    private String color = DEFAULT_COLOR;
    private String parentId;

    public List<CategoryTree.Node> getTree() {
        if (tree == null) {
            tree = CategoryTree.of(categories.list());
        }
        return tree;
    }

    public void startNew() {
        editingId = null;
        name = null;
        description = null;
        color = DEFAULT_COLOR;
        parentId = null;
    }

    public void addChild(Category parent) {
        startNew();
        parentId = parent.id().toString();
        color = parent.color();
    }

    public void edit(Category category) {
        editingId = category.id().toString();
        name = category.name();
        description = category.description();
        color = category.color();
        parentId = category.parentId() == null ? null : category.parentId().toString();
    }

    public void save() {
        String hex = color == null ? null : (color.startsWith("#") ? color : "#" + color);
        var input = new CategoryService.CategoryInput(name, description, hex, uuid(parentId));
        boolean saved = editingId == null
                ? PanelActions.attempt(() -> categories.create(input), "Category " + name + " added")
                : PanelActions.attempt(() -> categories.update(UUID.fromString(editingId), input), "Category " + name + " saved");
        if (saved) {
            startNew();
            tree = null;
        }
    }

    /** Tickets keep their place: those in the deleted category have none afterwards. */
    public void delete(Category category) {
        PanelActions.attempt(() -> categories.delete(category.id()), "Category " + category.name() + " deleted");
        tree = null;
    }

    private static UUID uuid(String id) {
        return id == null || id.isBlank() ? null : UUID.fromString(id);
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

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getDescription() {
        return description;
    }

    public void setDescription(String description) {
        this.description = description;
    }

    public String getColor() {
        return color;
    }

    public void setColor(String color) {
        this.color = color;
    }

    public String getParentId() {
        return parentId;
    }

    public void setParentId(String parentId) {
        this.parentId = parentId;
    }
}
