package org.relaydesk.core.plugin;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.relaydesk.api.assist.KnowledgeHit;
import org.relaydesk.api.assist.KnowledgeSource;
import org.relaydesk.api.ticket.TicketPriority;
import org.relaydesk.core.kb.KbSearchHit;
import org.relaydesk.core.kb.KbStore;
import org.relaydesk.core.kb.Visibility;

/**
 * What an assistant may learn from, read with plain JDBC (plugin code runs without the container's
 * context). Articles: published ones only. Solved tickets: resolved or closed, not merged away, with
 * the customer's messages as the question and the staff's public replies as the answer (never
 * internal notes), each cut so that a long thread cannot fill the plugin's memory.
 */
final class PluginKnowledgeSource implements KnowledgeSource {
    static final int MAX_TICKETS = 20_000;
    static final int MAX_TEXT = 4_000;
    private final DataSource dataSource;

    PluginKnowledgeSource(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public List<Article> articles(UUID workspaceId) {
        List<Article> articles = new ArrayList<>();
        // the help centre's links name the workspace when the installation has several (as its own pages do)
        String base = org.relaydesk.core.channel.NoticeMailer.baseUrl() + "/help/article/";
        read("SELECT a.id, a.title, a.summary, a.body_text, a.language, a.visibility, a.slug, a.updated_at, "
                + "CASE WHEN (SELECT count(*) FROM workspaces) > 1 THEN '?workspace=' || w.slug ELSE '' END "
                + "FROM kb_articles a JOIN workspaces w ON w.id = a.workspace_id "
                + "WHERE a.workspace_id = ? AND a.status = 'published' ORDER BY a.updated_at DESC LIMIT 5000", statement -> statement.setObject(1, workspaceId), row ->
                articles.add(new Article((UUID) row.getObject(1), row.getString(2), row.getString(3), row.getString(4), row.getString(5),
                        audience(Visibility.fromApiName(row.getString(6)).orElse(Visibility.INTERNAL)), base + row.getString(7) + row.getString(9),
                        row.getTimestamp(8).toInstant())));
        return articles;
    }

    @Override
    public List<SolvedTicket> solvedTickets(UUID workspaceId, int limit) {
        List<SolvedTicket> tickets = new ArrayList<>();
        int bounded = Math.max(0, Math.min(limit, MAX_TICKETS));
        read("SELECT t.id, w.ticket_prefix || t.number, t.subject, coalesce(t.description, ''), "
                + "(SELECT string_agg(left(m.body_text, 2000), E'\\n' ORDER BY m.created_at) FROM (SELECT body_text, created_at FROM messages "
                + "  WHERE ticket_id = t.id AND author_type = 'CUSTOMER' AND kind = 'REPLY' ORDER BY created_at LIMIT 5) m), "
                + "(SELECT string_agg(left(m.body_text, 2000), E'\\n' ORDER BY m.created_at) FROM (SELECT body_text, created_at FROM messages "
                + "  WHERE ticket_id = t.id AND author_type = 'AGENT' AND kind = 'REPLY' ORDER BY created_at DESC LIMIT 3) m), "
                + "c.name, tm.name, t.priority, ARRAY(SELECT tag FROM ticket_tags g WHERE g.ticket_id = t.id ORDER BY tag), "
                + "coalesce(t.resolved_at, t.closed_at, t.updated_at) "
                + "FROM tickets t JOIN workspaces w ON w.id = t.workspace_id LEFT JOIN ticket_categories c ON c.id = t.category_id "
                + "LEFT JOIN teams tm ON tm.id = t.team_id "
                + "WHERE t.workspace_id = ? AND t.status IN ('RESOLVED', 'CLOSED') AND t.merged_into_id IS NULL AND t.type <> 'TASK' "
                + "ORDER BY coalesce(t.resolved_at, t.closed_at, t.updated_at) DESC LIMIT ?", statement -> {
            statement.setObject(1, workspaceId);
            statement.setInt(2, bounded);
        }, row -> {
            String question = cut(join(row.getString(4), row.getString(5)));
            Array tags = row.getArray(10);
            Timestamp solved = row.getTimestamp(11);
            tickets.add(new SolvedTicket((UUID) row.getObject(1), row.getString(2), row.getString(3), question, cut(row.getString(6)),
                    row.getString(7), row.getString(8), TicketPriority.valueOf(row.getString(9)).apiName(),
                    tags == null ? List.of() : Arrays.asList((String[]) tags.getArray()), solved == null ? null : solved.toInstant()));
        });
        return tickets;
    }

    @Override
    public List<UUID> searchArticles(UUID workspaceId, String text, KnowledgeHit.Audience audience, int limit) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        try (Connection connection = dataSource.getConnection()) {
            return KbStore.search(connection, workspaceId, cut(text), null, visibilities(audience), false, Math.max(1, Math.min(limit, 50)))
                    .stream().map(KbSearchHit::id).toList();
        } catch (SQLException e) {
            throw new IllegalStateException("the articles cannot be searched: " + e.getMessage(), e);
        }
    }

    @Override
    public Vocabulary vocabulary(UUID workspaceId) {
        List<String> teams = new ArrayList<>();
        read("SELECT name FROM teams WHERE workspace_id = ? ORDER BY name", statement -> statement.setObject(1, workspaceId), row -> teams.add(row.getString(1)));
        List<String> categories = new ArrayList<>();
        read("SELECT name FROM ticket_categories WHERE workspace_id = ? ORDER BY name", statement -> statement.setObject(1, workspaceId),
                row -> categories.add(row.getString(1)));
        return new Vocabulary(teams, categories);
    }

    static Set<Visibility> visibilities(KnowledgeHit.Audience audience) {
        return switch (audience == null ? KnowledgeHit.Audience.PUBLIC : audience) {
            case PUBLIC -> EnumSet.of(Visibility.PUBLIC);
            case CUSTOMERS -> EnumSet.of(Visibility.PUBLIC, Visibility.CUSTOMERS);
            case STAFF -> EnumSet.allOf(Visibility.class);
        };
    }

    private static KnowledgeHit.Audience audience(Visibility visibility) {
        return switch (visibility) {
            case PUBLIC -> KnowledgeHit.Audience.PUBLIC;
            case CUSTOMERS -> KnowledgeHit.Audience.CUSTOMERS;
            case INTERNAL -> KnowledgeHit.Audience.STAFF;
        };
    }

    private static String join(String first, String second) {
        if (second == null || second.isBlank()) {
            return first;
        }
        return first == null || first.isBlank() ? second : first + "\n" + second;
    }

    private static String cut(String text) {
        return text == null ? "" : text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT);
    }

    private interface Binder {
        void bind(PreparedStatement statement) throws SQLException;
    }

    private interface Rows {
        void each(ResultSet row) throws SQLException;
    }

    private void read(String sql, Binder binder, Rows rows) {
        try (Connection connection = dataSource.getConnection(); PreparedStatement statement = connection.prepareStatement(sql)) {
            binder.bind(statement);
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    rows.each(result);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("the knowledge cannot be read: " + e.getMessage(), e);
        }
    }
}
