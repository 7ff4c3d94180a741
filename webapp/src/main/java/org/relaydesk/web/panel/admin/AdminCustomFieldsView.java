package org.relaydesk.web.panel.admin;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.relaydesk.core.field.CustomField;
import org.relaydesk.core.field.CustomFieldService;
import org.relaydesk.web.panel.PanelActions;

/** /admin/custom-fields: the workspace's own ticket fields, shown on the new-ticket form and the ticket page. */
@Named
@ViewScoped
public class AdminCustomFieldsView implements Serializable {
    private static final long serialVersionUID = 1L;

    @Inject
    CustomFieldService fields;

    private List<CustomField> all;
    private String editingId;
    private String label;
    private String key;
    private String type = "TEXT";
    private String options;
    private boolean required;

    public List<CustomField> getFields() {
        if (all == null) {
            all = fields.list();
        }
        return all;
    }

    public List<CustomField.Type> getTypes() {
        return List.of(CustomField.Type.values());
    }

    public void startNew() {
        editingId = null;
        label = null;
        key = null;
        type = "TEXT";
        options = null;
        required = false;
    }

    public void edit(CustomField field) {
        editingId = field.id().toString();
        label = field.label();
        key = field.key();
        type = field.type().name();
        options = String.join("\n", field.options());
        required = field.required();
    }

    public void save() {
        List<String> choices = options == null ? List.of() : Arrays.asList(options.split("\\R"));
        UUID id = editingId == null ? null : UUID.fromString(editingId);
        if (PanelActions.attempt(() -> fields.save(id, label, type, key, choices, required), "Field " + label + " saved")) {
            startNew();
            all = null;
        }
    }

    public void delete(CustomField field) {
        PanelActions.attempt(() -> fields.delete(field.id()), "Field " + field.label() + " deleted");
        all = null;
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

    public String getLabel() {
        return label;
    }

    public void setLabel(String label) {
        this.label = label;
    }

    public String getKey() {
        return key;
    }

    public void setKey(String key) {
        this.key = key;
    }

    public String getType() {
        return type;
    }

    public void setType(String type) {
        this.type = type;
    }

    public String getOptions() {
        return options;
    }

    public void setOptions(String options) {
        this.options = options;
    }

    public boolean isRequired() {
        return required;
    }

    public void setRequired(boolean required) {
        this.required = required;
    }
}
