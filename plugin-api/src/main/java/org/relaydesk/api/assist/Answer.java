package org.relaydesk.api.assist;

import java.util.List;

/**
 * An answer from the knowledge base: its text and the passages it rests on. {@code known} false
 * means the provider found nothing good enough and says so rather than guess; the text then says
 * "I don't know" in the question's language.
 */
public record Answer(String text, List<KnowledgeHit> sources, boolean known, String model) {
    public Answer {
        text = text == null ? "" : text;
        sources = sources == null ? List.of() : List.copyOf(sources);
    }

    public static Answer unknown(String text, String model) {
        return new Answer(text, List.of(), false, model);
    }
}
