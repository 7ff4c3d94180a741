package org.relaydesk.api.assist;

import java.util.List;

/** A reply for the agent to edit, and what it cites. {@code text} is empty when there is nothing to draft from. */
public record Draft(String text, List<KnowledgeHit> sources, String model) {
    public Draft {
        text = text == null ? "" : text;
        sources = sources == null ? List.of() : List.copyOf(sources);
    }
}
