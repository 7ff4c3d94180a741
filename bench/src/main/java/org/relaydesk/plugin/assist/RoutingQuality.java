package org.relaydesk.plugin.assist;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.relaydesk.api.assist.KnowledgeHit;
import org.relaydesk.api.assist.KnowledgeSource;

/**
 * Routing quality on BANKING77 (Casanueva et al. 2020, CC-BY-4.0): one help article per intent,
 * written from that intent's customer questions that are not held out, then the 231 held-out
 * questions asked. Measured on the plugin's own classes (the same {@link KnowledgeIndex} and
 * {@link MiniLmVectors} the plugin runs), in three ways in one run: a full-text baseline (BM25 over
 * the articles, what keyword search alone achieves), the sentence model alone, and the plugin's hybrid
 * (the model, raised a little for the full-text search's best ranks, as the host's search does).
 * Lives in the plugin's package because it measures those internals, not a public API.
 */
public final class RoutingQuality {
    private RoutingQuality() {
    }

    /** What one way of ranking achieved. */
    public record Result(String method, int questions, int top1, int top3, double p50Millis, double p95Millis) {
    }

    public static List<Result> run(Path corpus, int questionsPerArticle) throws IOException {
        JsonObject eval = Json.createReader(new StringReader(Files.readString(corpus.resolve("banking77_kb_eval.json")))).readObject();
        Map<String, String> titles = new LinkedHashMap<>();
        for (JsonValue article : eval.getJsonArray("articles")) {
            titles.put(article.asJsonObject().getString("article_id"), article.asJsonObject().getString("title"));
        }
        List<String[]> heldOut = new ArrayList<>();
        Set<String> held = new HashSet<>();
        for (JsonValue pair : eval.getJsonArray("pairs")) {
            String question = pair.asJsonObject().getString("question");
            heldOut.add(new String[] {question, pair.asJsonObject().getString("expected_article_id")});
            held.add(question);
        }
        Map<String, List<String>> examples = new LinkedHashMap<>();
        for (List<String> row : Csv.read(Files.readString(corpus.resolve("banking_data/test.csv")))) {
            if (row.size() == 2 && titles.containsKey(row.get(1)) && !held.contains(row.get(0))) {
                List<String> list = examples.computeIfAbsent(row.get(1), k -> new ArrayList<>());
                if (list.size() < questionsPerArticle) {
                    list.add(row.get(0));
                }
            }
        }
        UUID workspace = UUID.randomUUID();
        List<KnowledgeSource.Article> articles = new ArrayList<>();
        Map<UUID, String> intentOf = new HashMap<>();
        for (Map.Entry<String, String> intent : titles.entrySet()) {
            UUID id = UUID.nameUUIDFromBytes(intent.getKey().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            intentOf.put(id, intent.getKey());
            // the article a help desk would write from these questions: its title, then the questions it answers, one per line
            String body = String.join("\n", examples.getOrDefault(intent.getKey(), List.of()));
            articles.add(new KnowledgeSource.Article(id, intent.getValue(), "", body, "en", KnowledgeHit.Audience.PUBLIC, "/help/article/" + intent.getKey(),
                    Instant.now()));
        }
        Bm25 fullText = new Bm25(articles);
        KnowledgeSource source = new KnowledgeSource() {
            public List<Article> articles(UUID workspaceId) {
                return articles;
            }

            public List<SolvedTicket> solvedTickets(UUID workspaceId, int limit) {
                return List.of();
            }

            public List<UUID> searchArticles(UUID workspaceId, String text, KnowledgeHit.Audience audience, int limit) {
                return fullText.search(text, limit);
            }

            public Vocabulary vocabulary(UUID workspaceId) {
                return new Vocabulary(List.of(), List.of());
            }
        };
        MiniLmVectors vectors = new MiniLmVectors();
        long learnStart = System.nanoTime();
        KnowledgeIndex index = KnowledgeIndex.build(workspace, source, vectors, 0, Instant.now());
        System.out.printf("%d articles, %d passages learnt in %.1f s%n", index.articles.size(), index.passages.size(), (System.nanoTime() - learnStart) / 1e9);

        List<Result> results = new ArrayList<>();
        results.add(measure("Full text alone (BM25 over title and body)", heldOut, intentOf, question -> fullText.search(question, 3)));
        // each way embeds the questions with a model of its own: the plugin remembers vectors it made, which would make the second way look free
        MiniLmVectors modelAlone = new MiniLmVectors();
        results.add(measure("Sentence model alone", heldOut, intentOf,
                question -> ids(index.articles(modelAlone.vector(question), KnowledgeHit.Audience.PUBLIC, List.of(), 3))));
        MiniLmVectors hybrid = new MiniLmVectors();
        results.add(measure("Hybrid, as the plugin answers", heldOut, intentOf,
                question -> ids(index.articles(hybrid.vector(question), KnowledgeHit.Audience.PUBLIC, source.searchArticles(workspace, question,
                        KnowledgeHit.Audience.PUBLIC, 10), 3))));
        return results;
    }

    private static List<UUID> ids(List<KnowledgeIndex.Match> matches) {
        return matches.stream().map(KnowledgeIndex.Match::id).toList();
    }

    private static Result measure(String method, List<String[]> questions, Map<UUID, String> intentOf, java.util.function.Function<String, List<UUID>> rank) {
        // warm up (JIT, the model's first runs) on questions that are not asked, uncounted
        for (String warmUp : List.of("hello", "where is my card", "how do I top up", "my transfer failed", "what fees do you charge")) {
            rank.apply(warmUp);
        }
        int top1 = 0;
        int top3 = 0;
        List<Long> nanos = new ArrayList<>();
        for (String[] question : questions) {
            long start = System.nanoTime();
            List<UUID> ranked = rank.apply(question[0]);
            nanos.add(System.nanoTime() - start);
            List<String> intents = ranked.stream().map(intentOf::get).toList();
            top1 += !intents.isEmpty() && intents.get(0).equals(question[1]) ? 1 : 0;
            top3 += intents.subList(0, Math.min(3, intents.size())).contains(question[1]) ? 1 : 0;
        }
        Collections.sort(nanos);
        return new Result(method, questions.size(), top1, top3, nanos.get(nanos.size() / 2) / 1e6, nanos.get((int) Math.ceil(nanos.size() * 0.95) - 1) / 1e6);
    }

    /** Okapi BM25 (k1 1.2, b 0.75) over lower-cased words: the keyword-search baseline. */
    static final class Bm25 {
        private final List<UUID> ids = new ArrayList<>();
        private final List<Map<String, Integer>> counts = new ArrayList<>();
        private final List<Integer> lengths = new ArrayList<>();
        private final Map<String, Integer> documentFrequency = new HashMap<>();
        private double averageLength;

        Bm25(List<KnowledgeSource.Article> articles) {
            for (KnowledgeSource.Article article : articles) {
                Map<String, Integer> words = new HashMap<>();
                List<String> tokens = tokens(article.title() + "\n" + article.text());
                tokens.forEach(t -> words.merge(t, 1, Integer::sum));
                words.keySet().forEach(w -> documentFrequency.merge(w, 1, Integer::sum));
                ids.add(article.id());
                counts.add(words);
                lengths.add(tokens.size());
                averageLength += tokens.size();
            }
            averageLength /= Math.max(1, articles.size());
        }

        List<UUID> search(String query, int limit) {
            List<String> terms = tokens(query);
            List<Map.Entry<UUID, Double>> scored = new ArrayList<>();
            for (int d = 0; d < ids.size(); d++) {
                double score = 0;
                for (String term : terms) {
                    Integer tf = counts.get(d).get(term);
                    if (tf == null) {
                        continue;
                    }
                    double idf = Math.log(1 + (ids.size() - documentFrequency.get(term) + 0.5) / (documentFrequency.get(term) + 0.5));
                    score += idf * tf * 2.2 / (tf + 1.2 * (0.25 + 0.75 * lengths.get(d) / averageLength));
                }
                if (score > 0) {
                    scored.add(Map.entry(ids.get(d), score));
                }
            }
            scored.sort(Map.Entry.<UUID, Double>comparingByValue().reversed());
            return scored.stream().limit(limit).map(Map.Entry::getKey).toList();
        }

        private static List<String> tokens(String text) {
            List<String> tokens = new ArrayList<>();
            for (String word : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}']+")) {
                if (word.length() > 1) {
                    tokens.add(word);
                }
            }
            return tokens;
        }
    }

    /** RFC 4180 CSV: quoted fields may hold commas, doubled quotes and line breaks. */
    static final class Csv {
        static List<List<String>> read(String text) {
            List<List<String>> rows = new ArrayList<>();
            List<String> row = new ArrayList<>();
            StringBuilder field = new StringBuilder();
            boolean quoted = false;
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (quoted) {
                    if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else if (c == '"') {
                        quoted = false;
                    } else {
                        field.append(c);
                    }
                } else if (c == '"') {
                    quoted = true;
                } else if (c == ',') {
                    row.add(field.toString());
                    field.setLength(0);
                } else if (c == '\n') {
                    row.add(field.toString());
                    field.setLength(0);
                    rows.add(row);
                    row = new ArrayList<>();
                } else if (c != '\r') {
                    field.append(c);
                }
            }
            if (field.length() > 0 || !row.isEmpty()) {
                row.add(field.toString());
                rows.add(row);
            }
            return rows.isEmpty() ? rows : rows.subList(1, rows.size());
        }
    }
}
