package org.relaydesk.plugin.assist;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.relaydesk.api.assist.Classification;
import org.relaydesk.plugin.assist.KnowledgeIndex.Neighbour;

/**
 * Files a ticket as the workspace filed the solved tickets most like it: the {@link #K} nearest
 * neighbours by meaning vote for a category, a team, a priority and tags, each vote weighted by how
 * close it is. A value's confidence is its share of the votes, scaled down when even the nearest
 * tickets are not close (a ticket unlike anything seen before gets weak guesses). Names no longer in
 * the workspace (a deleted team) are not suggested.
 */
final class TicketClassifier {
    static final int K = 10;
    /** Below this closeness a neighbour has no vote: it is about something else. */
    static final double MIN_SIMILARITY = 0.35;
    /** A tag is suggested when at least this share of the votes carries it. */
    static final double TAG_SHARE = 0.4;
    /** ...and at least this much more common among the neighbours than over the whole history. */
    static final double LIFT = 0.2;

    private TicketClassifier() {
    }

    record Guesses(List<Classification.Guess> categories, List<Classification.Guess> priorities, List<Classification.Guess> teams,
            List<Classification.Guess> tags) {
        static final Guesses NONE = new Guesses(List.of(), List.of(), List.of(), List.of());
    }

    static Guesses classify(KnowledgeIndex index, float[] ticket) {
        List<Neighbour> voters = index.neighbours(ticket, K).stream().filter(n -> n.score() >= MIN_SIMILARITY).toList();
        if (voters.isEmpty()) {
            return Guesses.NONE;
        }
        // how much to trust the vote at all: the closeness of the nearest neighbours, 0.35 → 0, 0.85 → 1
        double closeness = Math.min(1, Math.max(0, (voters.get(0).score() - MIN_SIMILARITY) / 0.5));
        List<Classification.Guess> categories = vote(voters, n -> n.example().ticket().category(), closeness);
        categories.removeIf(g -> !index.vocabulary.categories().contains(g.value()));
        List<Classification.Guess> teams = vote(voters, n -> n.example().ticket().team(), closeness);
        teams.removeIf(g -> !index.vocabulary.teams().contains(g.value()));
        List<Classification.Guess> priorities = vote(voters, n -> n.example().ticket().priority(), closeness);
        Map<String, Double> tagVotes = new HashMap<>();
        double total = 0;
        for (Neighbour voter : voters) {
            total += voter.score();
            for (String tag : voter.example().ticket().tags()) {
                tagVotes.merge(tag, voter.score(), Double::sum);
            }
        }
        Map<String, Double> baseRates = baseRates(index);
        List<Classification.Guess> tags = new ArrayList<>();
        for (Map.Entry<String, Double> tag : tagVotes.entrySet()) {
            double share = tag.getValue() / total;
            // a tag most tickets carry ("standard") says nothing about this one: only tags clearly commoner among its neighbours count
            if (share >= TAG_SHARE && share - baseRates.getOrDefault(tag.getKey(), 0.0) >= LIFT) {
                tags.add(new Classification.Guess(tag.getKey(), round(share * closeness)));
            }
        }
        tags.sort(Comparator.comparingDouble(Classification.Guess::confidence).reversed());
        return new Guesses(categories, priorities, teams, tags);
    }

    /** How often each tag occurs over all the solved tickets learnt. */
    private static Map<String, Double> baseRates(KnowledgeIndex index) {
        Map<String, Double> rates = new HashMap<>();
        for (KnowledgeIndex.Example example : index.examples) {
            for (String tag : example.ticket().tags()) {
                rates.merge(tag, 1.0 / index.examples.size(), Double::sum);
            }
        }
        return rates;
    }

    private static List<Classification.Guess> vote(List<Neighbour> voters, Function<Neighbour, String> label, double closeness) {
        Map<String, Double> votes = new HashMap<>();
        double total = 0;
        for (Neighbour voter : voters) {
            total += voter.score();
            String value = label.apply(voter);
            if (value != null && !value.isBlank()) {
                votes.merge(value, voter.score(), Double::sum);
            }
        }
        List<Classification.Guess> guesses = new ArrayList<>();
        for (Map.Entry<String, Double> vote : votes.entrySet()) {
            guesses.add(new Classification.Guess(vote.getKey(), round(vote.getValue() / total * closeness)));
        }
        guesses.sort(Comparator.comparingDouble(Classification.Guess::confidence).reversed().thenComparing(Classification.Guess::value));
        return guesses.subList(0, Math.min(3, guesses.size()));
    }

    private static double round(double value) {
        return Math.round(Math.max(0, Math.min(1, value)) * 1000) / 1000.0;
    }
}
