package org.relaydesk.web.panel.admin;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import java.util.List;
import java.util.Set;
import org.relaydesk.api.plugin.ConfigField;

/**
 * What the generic settings form (/WEB-INF/templates/settings-fields.xhtml) asks of a field a
 * plugin declared: how to show it, its choices, and what a secret's box says.
 */
@Named("configFields")
@ApplicationScoped
public class ConfigFieldsForm {
    public boolean isSecret(ConfigField field) {
        return field.type() == ConfigField.Type.SECRET;
    }

    public boolean isChoice(ConfigField field) {
        return field.type() == ConfigField.Type.SELECT || field.type() == ConfigField.Type.BOOLEAN;
    }

    public List<String> choicesOf(ConfigField field) {
        return field.type() == ConfigField.Type.BOOLEAN ? List.of("true", "false") : field.options();
    }

    /**
     * Whether a secret is stored (it is never shown). A stored secret is kept only while the other
     * settings stay as they are (the host's rule: a secret goes only where it was entered for).
     */
    public String secretHint(ConfigField field, Set<String> secretsSet) {
        return secretsSet != null && secretsSet.contains(field.key())
                ? "set; leave empty to keep it (enter it again when you change any other setting)" : "not set";
    }

    /** The field's help and its default, as one line. */
    public String hint(ConfigField field, Set<String> secretsSet) {
        if (isSecret(field)) {
            return secretHint(field, secretsSet) + (field.help() == null ? "" : ". " + field.help());
        }
        String help = field.help() == null ? "" : field.help();
        return field.defaultValue() == null ? help : (help.isEmpty() ? "Default: " : help + ". Default: ") + field.defaultValue();
    }
}
