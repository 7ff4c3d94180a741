package org.relaydesk.api.workflow;

import java.util.List;
import java.util.Objects;

/**
 * An argument of an action. {@code kind} tells the builder which picker to show; {@code choices}
 * are the allowed values of a {@link Kind#CHOICE} (empty otherwise).
 */
public record ActionParameter(String name, String label, Kind kind, boolean required, List<String> choices) {
    public enum Kind {
        TEXT, LONG_TEXT, CHOICE, PRIORITY, STATUS, USER, TEAM, TAG, CANNED_RESPONSE
    }

    public ActionParameter {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(kind, "kind");
        choices = choices == null ? List.of() : List.copyOf(choices);
    }

    public static ActionParameter required(String name, String label, Kind kind) {
        return new ActionParameter(name, label, kind, true, List.of());
    }
}
