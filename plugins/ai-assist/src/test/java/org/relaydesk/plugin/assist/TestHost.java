package org.relaydesk.plugin.assist;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.relaydesk.api.assist.KnowledgeHit;
import org.relaydesk.api.assist.KnowledgeSource;
import org.relaydesk.api.host.HostServices;
import org.relaydesk.api.host.HttpClient;
import org.relaydesk.api.host.KeyValueStore;

/** A host for the plugin's tests: articles and solved tickets in memory, settings a test sets, real HTTP. */
final class TestHost implements HostServices {
    final Map<String, String> settings = new ConcurrentHashMap<>();
    final List<KnowledgeSource.Article> articles = new ArrayList<>();
    final List<KnowledgeSource.SolvedTicket> solved = new ArrayList<>();
    final List<String> teams = new ArrayList<>();
    final List<String> categories = new ArrayList<>();
    private final java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();

    UUID article(String title, String text, KnowledgeHit.Audience audience) {
        UUID id = UUID.randomUUID();
        articles.add(new KnowledgeSource.Article(id, title, "", text, "en", audience,
                "https://help.example.test/help/article/" + title.toLowerCase(Locale.ROOT).replaceAll("[^a-z]+", "-"), Instant.now()));
        return id;
    }

    void solved(String subject, String question, String answer, String category, String team, String priority, String... tags) {
        solved.add(new KnowledgeSource.SolvedTicket(UUID.randomUUID(), "#" + (1000 + solved.size()), subject, question, answer, category, team,
                priority, List.of(tags), Instant.now()));
    }

    @Override
    public Map<String, String> settings() {
        return Map.copyOf(settings);
    }

    @Override
    public KeyValueStore store() {
        throw new UnsupportedOperationException("the assistant keeps nothing in the store");
    }

    @Override
    public HttpClient http() {
        return call -> {
            try {
                HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(call.url()))
                        .method(call.method(), call.body() == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(call.body()));
                call.headers().forEach(request::header);
                HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
                return new HttpClient.Answer(response.statusCode(), response.headers().map(), response.body());
            } catch (java.io.IOException e) {
                throw new HttpClient.HttpFailure(e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new HttpClient.HttpFailure("interrupted", e);
            }
        };
    }

    @Override
    public KnowledgeSource knowledge() {
        return new KnowledgeSource() {
            public List<Article> articles(UUID workspaceId) {
                return List.copyOf(articles);
            }

            public List<SolvedTicket> solvedTickets(UUID workspaceId, int limit) {
                return solved.subList(0, Math.min(limit, solved.size()));
            }

            public List<UUID> searchArticles(UUID workspaceId, String text, KnowledgeHit.Audience audience, int limit) {
                // the host's search, simply: articles whose title shares a word of four letters or more with the text
                Map<UUID, Integer> shared = new HashMap<>();
                for (Article article : articles) {
                    for (String word : text.toLowerCase(Locale.ROOT).split("\\W+")) {
                        if (word.length() >= 4 && article.title().toLowerCase(Locale.ROOT).contains(word)) {
                            shared.merge(article.id(), 1, Integer::sum);
                        }
                    }
                }
                return shared.entrySet().stream().sorted(Map.Entry.<UUID, Integer>comparingByValue().reversed()).map(Map.Entry::getKey).limit(limit).toList();
            }

            public Vocabulary vocabulary(UUID workspaceId) {
                return new Vocabulary(teams, categories);
            }
        };
    }

    @Override
    public Clock clock() {
        return Clock.systemUTC();
    }

    @Override
    public Optional<TicketRef> ticketByExternalReference(UUID workspaceId, String externalId) {
        return Optional.empty();
    }

    @Override
    public Optional<ContactRef> contactByIdentity(UUID workspaceId, String kind, String value) {
        return Optional.empty();
    }
}
