package org.relaydesk.api.channel;

import java.util.List;
import java.util.Objects;

/**
 * Answers offered with a message: up to a few quick-reply buttons, or a list opened by
 * {@code listButton} whose choices may be grouped by {@code section}. The customer's choice comes
 * back as an inbound message whose text is the choice's title. Since 1.3.
 */
public record InteractiveChoices(String header, String footer, String listButton, List<Choice> choices) {
    /** One answer: {@code id} comes back with the customer's choice; {@code description} and {@code section} only show in a list. */
    public record Choice(String id, String title, String description, String section) {
        public Choice {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(title, "title");
        }
    }

    public InteractiveChoices {
        choices = choices == null ? List.of() : List.copyOf(choices);
        if (choices.isEmpty()) {
            throw new IllegalArgumentException("interactive choices need at least one choice");
        }
    }

    /** Buttons unless a list button is named. */
    public boolean isList() {
        return listButton != null && !listButton.isBlank();
    }
}
