package org.relaydesk.api.assist;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What the host lets an assistant learn from: a workspace's published articles and its solved
 * tickets, read fresh at each call (plain reads; call it from {@link AssistProvider#retrain} or when
 * the index is stale, not on every request). Since 1.4.
 */
public interface KnowledgeSource {
    /** Published articles in every language, with their plain text and who may read them. */
    List<Article> articles(UUID workspaceId);

    /** The latest solved or closed tickets (at most {@code limit}), newest first, with what the customer asked and how it was answered. */
    List<SolvedTicket> solvedTickets(UUID workspaceId, int limit);

    /** The host's own full-text search over published articles for that audience: article ids, best first. */
    List<UUID> searchArticles(UUID workspaceId, String text, KnowledgeHit.Audience audience, int limit);

    /** The workspace's team names and category names, which classification may suggest. */
    Vocabulary vocabulary(UUID workspaceId);

    /** An article; {@code audience} is who may read it (PUBLIC, CUSTOMERS, or STAFF for internal ones); {@code url} its address in the help centre. */
    record Article(UUID id, String title, String summary, String text, String language, KnowledgeHit.Audience audience, String url,
            Instant updatedAt) {
    }

    /** A solved ticket: the customer's words, the staff's public replies, and how it was filed. */
    record SolvedTicket(UUID id, String number, String subject, String question, String answer, String category, String team,
            String priority, List<String> tags, Instant solvedAt) {
        public SolvedTicket {
            tags = tags == null ? List.of() : List.copyOf(tags);
        }
    }

    /** The names a classification may use. */
    record Vocabulary(List<String> teams, List<String> categories) {
        public Vocabulary {
            teams = List.copyOf(teams);
            categories = List.copyOf(categories);
        }
    }
}
