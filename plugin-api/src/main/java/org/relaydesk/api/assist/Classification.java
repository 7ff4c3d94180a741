package org.relaydesk.api.assist;

import java.util.List;

/**
 * What a ticket seems to be: candidates for each field, best first, each with a confidence in [0, 1].
 * An empty list means the provider has no guess (it has not seen enough of the workspace's history).
 */
public record Classification(List<Guess> categories, List<Guess> priorities, List<Guess> teams, List<Guess> tags, Guess language,
        Mood mood, String model) {

    public Classification {
        categories = categories == null ? List.of() : List.copyOf(categories);
        priorities = priorities == null ? List.of() : List.copyOf(priorities);
        teams = teams == null ? List.of() : List.copyOf(teams);
        tags = tags == null ? List.of() : List.copyOf(tags);
        mood = mood == null ? Mood.CALM : mood;
    }

    public static Classification none(Mood mood, String model) {
        return new Classification(List.of(), List.of(), List.of(), List.of(), null, mood, model);
    }

    /** A value (a category's or team's name, a priority's API name, a tag, a language code) and how sure the provider is. */
    public record Guess(String value, double confidence) {
        public Guess {
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException("a guess needs a value");
            }
            if (!(confidence >= 0 && confidence <= 1)) {
                throw new IllegalArgumentException("a confidence is between 0 and 1, not " + confidence);
            }
        }
    }
}
