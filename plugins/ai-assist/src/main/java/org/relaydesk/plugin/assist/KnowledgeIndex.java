package org.relaydesk.plugin.assist;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.relaydesk.api.assist.KnowledgeHit;
import org.relaydesk.api.assist.KnowledgeSource;

/**
 * One workspace's articles (cut into passages) and solved tickets, each with its vector: what the
 * assistant searches and learns from. Immutable; a new one replaces it when the workspace is learnt
 * again.
 */
final class KnowledgeIndex {
    /** An article's score is the mean of its best few passages: one lucky sentence counts less than several that agree. */
    static final int PASSAGES_PER_SCORE = 3;
    /** How much a rank in the host's full-text search adds (at rank 1; less further down). */
    static final double FULL_TEXT_BONUS = 0.08;
    /** The part of a solved ticket's answer kept in memory. */
    static final int KEPT_ANSWER = 1_500;

    final UUID workspaceId;
    final Instant builtAt;
    final List<ArticlePassage> passages;
    final Map<UUID, KnowledgeSource.Article> articles;
    final List<Example> examples;
    final KnowledgeSource.Vocabulary vocabulary;

    record ArticlePassage(UUID articleId, String text, float[] vector) {
    }

    /** A solved ticket as a lesson: the question's vector and how the ticket was filed and answered. */
    record Example(KnowledgeSource.SolvedTicket ticket, float[] vector) {
    }

    /** A match before it is made a {@link KnowledgeHit}: the article or ticket, the passage that matched best, and the score. */
    record Match(KnowledgeHit.Source source, UUID id, String title, String url, String passage, double score) {
        KnowledgeHit hit() {
            return new KnowledgeHit(source, id, title, url, passage, Math.max(0, Math.min(1, score)));
        }
    }

    KnowledgeIndex(UUID workspaceId, Instant builtAt, List<ArticlePassage> passages, Map<UUID, KnowledgeSource.Article> articles,
            List<Example> examples, KnowledgeSource.Vocabulary vocabulary) {
        this.workspaceId = workspaceId;
        this.builtAt = builtAt;
        this.passages = List.copyOf(passages);
        this.articles = Map.copyOf(articles);
        this.examples = List.copyOf(examples);
        this.vocabulary = vocabulary;
    }

    static KnowledgeIndex empty(UUID workspaceId, Instant at) {
        return new KnowledgeIndex(workspaceId, at, List.of(), Map.of(), List.of(), new KnowledgeSource.Vocabulary(List.of(), List.of()));
    }

    /** Reads and embeds a workspace's knowledge (texts seen before are not embedded again). */
    static KnowledgeIndex build(UUID workspaceId, KnowledgeSource source, TextVectors vectors, int ticketLimit, Instant at) {
        Map<UUID, KnowledgeSource.Article> articles = new LinkedHashMap<>();
        List<ArticlePassage> passages = new ArrayList<>();
        for (KnowledgeSource.Article article : source.articles(workspaceId)) {
            articles.put(article.id(), article);
            for (String passage : Passages.of(article.title(), article.summary(), article.text())) {
                passages.add(new ArticlePassage(article.id(), passage, vectors.vector(passage)));
            }
        }
        List<Example> examples = new ArrayList<>();
        for (KnowledgeSource.SolvedTicket ticket : source.solvedTickets(workspaceId, ticketLimit)) {
            float[] vector = vectors.vector(ticket.subject() + "\n" + ticket.question());
            // kept: how it was filed and the start of its answer (what a draft may quote), not the customer's words, which were only read
            String answer = ticket.answer() == null ? "" : ticket.answer().length() <= KEPT_ANSWER ? ticket.answer() : ticket.answer().substring(0, KEPT_ANSWER);
            examples.add(new Example(new KnowledgeSource.SolvedTicket(ticket.id(), ticket.number(), ticket.subject(), "", answer, ticket.category(),
                    ticket.team(), ticket.priority(), ticket.tags(), ticket.solvedAt()), vector));
        }
        return new KnowledgeIndex(workspaceId, at, passages, articles, examples, source.vocabulary(workspaceId));
    }

    /**
     * Articles the audience may read, best first: semantic closeness of their best passages, raised
     * a little for those the host's full-text search also finds ({@code fullText}, best first).
     */
    List<Match> articles(float[] query, KnowledgeHit.Audience audience, List<UUID> fullText, int limit) {
        Map<UUID, List<Scored>> byArticle = new HashMap<>();
        for (ArticlePassage passage : passages) {
            KnowledgeSource.Article article = articles.get(passage.articleId());
            if (!readable(article, audience)) {
                continue;
            }
            byArticle.computeIfAbsent(passage.articleId(), id -> new ArrayList<>())
                    .add(new Scored(passage.text(), TextVectors.similarity(query, passage.vector())));
        }
        List<Match> matches = new ArrayList<>();
        byArticle.forEach((id, scored) -> {
            scored.sort(Comparator.comparingDouble(Scored::score).reversed());
            int n = Math.min(PASSAGES_PER_SCORE, scored.size());
            double sum = 0;
            for (int i = 0; i < n; i++) {
                sum += scored.get(i).score();
            }
            double score = sum / n;
            int rank = fullText == null ? -1 : fullText.indexOf(id);
            if (rank >= 0) {
                score += FULL_TEXT_BONUS / (1 + rank);
            }
            KnowledgeSource.Article article = articles.get(id);
            String best = scored.get(0).text().equals(article.title()) && scored.size() > 1 ? scored.get(1).text() : scored.get(0).text();
            matches.add(new Match(KnowledgeHit.Source.ARTICLE, id, article.title(), article.url(), best, score));
        });
        matches.sort(Comparator.comparingDouble(Match::score).reversed());
        return matches.subList(0, Math.min(limit, matches.size()));
    }

    /** Solved tickets closest to the text, best first; staff only. */
    List<Match> tickets(float[] query, int limit) {
        return neighbours(query, limit).stream()
                .map(n -> new Match(KnowledgeHit.Source.TICKET, n.example().ticket().id(), n.example().ticket().subject(), null,
                        n.example().ticket().answer(), n.score()))
                .toList();
    }

    record Neighbour(Example example, double score) {
    }

    List<Neighbour> neighbours(float[] query, int k) {
        List<Neighbour> all = new ArrayList<>(examples.size());
        for (Example example : examples) {
            all.add(new Neighbour(example, TextVectors.similarity(query, example.vector())));
        }
        all.sort(Comparator.comparingDouble(Neighbour::score).reversed());
        return all.subList(0, Math.min(k, all.size()));
    }

    private record Scored(String text, double score) {
    }

    static boolean readable(KnowledgeSource.Article article, KnowledgeHit.Audience audience) {
        if (article == null) {
            return false;
        }
        return switch (audience) {
            case STAFF -> true;
            case CUSTOMERS -> article.audience() != KnowledgeHit.Audience.STAFF;
            case PUBLIC -> article.audience() == KnowledgeHit.Audience.PUBLIC;
        };
    }
}
