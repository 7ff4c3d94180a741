package org.relaydesk.api.channel;

import java.util.List;
import java.util.Objects;

/**
 * A template the channel's provider holds for the account, as {@link ChannelConnector#templates()}
 * lists it: its text with {@code {{…}}} placeholders per part, its variables in the order they
 * appear, and whether the provider allows it to be sent. Since 1.3.
 */
public record MessageTemplate(String name, String language, String category, Approval approval, String header, String body, String footer,
        List<String> buttons, List<Variable> variables, String approvalDetail) {
    /** The provider's verdict; only {@link #APPROVED} templates may be sent. */
    public enum Approval {
        APPROVED, PENDING, REJECTED, PAUSED, DISABLED, OTHER
    }

    /** {@code key} as {@link TemplateMessage#values()} uses it; {@code example} is the provider's sample value, or null. */
    public record Variable(String key, String label, String example) {
        public Variable {
            Objects.requireNonNull(key, "key");
            label = label == null ? key : label;
        }
    }

    public MessageTemplate {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(language, "language");
        approval = approval == null ? Approval.OTHER : approval;
        buttons = buttons == null ? List.of() : List.copyOf(buttons);
        variables = variables == null ? List.of() : List.copyOf(variables);
    }

    /**
     * The template as the customer will read it, each variable replaced by its value (or left as
     * written when none is given): what the ticket's thread shows of a template send.
     */
    public String render(java.util.Map<String, String> values) {
        StringBuilder text = new StringBuilder();
        for (String[] part : new String[][] {{"header", header}, {"body", body}, {"footer", footer}}) {
            if (part[1] == null || part[1].isBlank()) {
                continue;
            }
            String filled = part[1];
            for (Variable variable : variables) {
                if (variable.key().startsWith(part[0] + ".")) {
                    String placeholder = "{{" + variable.key().substring(part[0].length() + 1) + "}}";
                    String value = values == null ? null : values.get(variable.key());
                    if (value != null) {
                        filled = filled.replace(placeholder, value);
                    }
                }
            }
            if (text.length() > 0) {
                text.append("\n\n");
            }
            text.append(filled);
        }
        return text.toString();
    }
}
