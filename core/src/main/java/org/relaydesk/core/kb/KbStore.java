package org.relaydesk.core.kb;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The knowledge base's SQL, on a connection the caller gives. Every statement names its workspace
 * (the first parameter of each method): the search needs PostgreSQL's own text functions, which
 * JPA's tenant filter cannot wrap, so the workspace rule lives here, once per statement.
 */
public final class KbStore {
    private static final String ARTICLE_COLUMNS = "id, workspace_id, category_id, translation_group, language, slug, title, summary, body_html, "
            + "body_text, tags, status, visibility, author_id, author_name, review_on, version, view_count, helpful_yes, helpful_no, "
            + "published_at, created_at, updated_at";
    /** The search document: title weighs most, then summary and tags, then the body (capped well under tsvector's 1 MB). */
    private static final String SEARCH_VECTOR = "setweight(to_tsvector(?::regconfig, ?), 'A') || setweight(to_tsvector(?::regconfig, ?), 'B') "
            + "|| setweight(to_tsvector(?::regconfig, left(?, 500000)), 'C')";
    /** The title, summary and tags alone, where typing slips are looked for (a small vector with its own index). */
    private static final String HEAD_VECTOR = "setweight(to_tsvector(?::regconfig, ?), 'A') || setweight(to_tsvector(?::regconfig, ?), 'B')";

    /** What the staff list narrows by; every part optional. */
    public record Filter(ArticleStatus status, Visibility visibility, String language, UUID categoryId, String tag, String titleContains) {
        public static Filter none() {
            return new Filter(null, null, null, null, null, null);
        }
    }

    /** A published article's address and date, for the sitemap. */
    public record SitemapEntry(String slug, String language, Instant updatedAt) {
    }

    private KbStore() {
    }

    // ---- articles

    public static void insertArticle(Connection c, KbArticle a) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO kb_articles (" + ARTICLE_COLUMNS
                + ", search_config, search_vector, fuzzy_text, head_vector) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                + "?::regconfig, " + SEARCH_VECTOR + ", ?, " + HEAD_VECTOR + ")")) {
            int i = 1;
            insert.setObject(i++, a.id());
            insert.setObject(i++, a.workspaceId());
            i = setContent(c, insert, i, a);
            insert.setLong(i++, a.viewCount());
            insert.setInt(i++, a.helpfulYes());
            insert.setInt(i++, a.helpfulNo());
            insert.setTimestamp(i++, ts(a.publishedAt()));
            insert.setTimestamp(i++, ts(a.createdAt()));
            insert.setTimestamp(i++, ts(a.updatedAt()));
            setSearch(insert, i, a);
            insert.executeUpdate();
        }
        rememberWords(c, a);
    }

    /** Writes everything an editor changes, and the search document; counters stay. */
    public static void updateArticle(Connection c, KbArticle a) throws SQLException {
        try (PreparedStatement update = c.prepareStatement("UPDATE kb_articles SET (category_id, translation_group, language, slug, title, summary, "
                + "body_html, body_text, tags, status, visibility, author_id, author_name, review_on, version, published_at, updated_at, "
                + "search_config, search_vector, fuzzy_text, head_vector) = (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::regconfig, "
                + SEARCH_VECTOR + ", ?, " + HEAD_VECTOR + ") WHERE workspace_id = ? AND id = ?")) {
            int i = setContent(c, update, 1, a);
            update.setTimestamp(i++, ts(a.publishedAt()));
            update.setTimestamp(i++, ts(a.updatedAt()));
            i = setSearch(update, i, a);
            update.setObject(i++, a.workspaceId());
            update.setObject(i, a.id());
            update.executeUpdate();
        }
        rememberWords(c, a);
    }

    private static int setContent(Connection c, PreparedStatement statement, int i, KbArticle a) throws SQLException {
        statement.setObject(i++, a.categoryId());
        statement.setObject(i++, a.translationGroup());
        statement.setString(i++, a.language());
        statement.setString(i++, a.slug());
        statement.setString(i++, a.title());
        statement.setString(i++, a.summary());
        statement.setString(i++, a.bodyHtml());
        statement.setString(i++, a.bodyText());
        statement.setArray(i++, c.createArrayOf("text", a.tags().toArray()));
        statement.setString(i++, a.status().apiName());
        statement.setString(i++, a.visibility().apiName());
        statement.setObject(i++, a.authorId());
        statement.setString(i++, a.authorName());
        if (a.reviewOn() == null) {
            statement.setNull(i++, Types.DATE);
        } else {
            statement.setObject(i++, a.reviewOn());
        }
        statement.setInt(i++, a.version());
        return i;
    }

    private static int setSearch(PreparedStatement statement, int i, KbArticle a) throws SQLException {
        String config = SearchLanguages.config(a.language());
        statement.setString(i++, config);
        statement.setString(i++, config);
        statement.setString(i++, a.title());
        statement.setString(i++, config);
        statement.setString(i++, a.summary() + " " + String.join(" ", a.tags()));
        statement.setString(i++, config);
        statement.setString(i++, a.bodyText());
        statement.setString(i++, a.title() + " " + a.summary() + " " + String.join(" ", a.tags()));
        statement.setString(i++, config);
        statement.setString(i++, a.title());
        statement.setString(i++, config);
        statement.setString(i++, a.summary() + " " + String.join(" ", a.tags()));
        return i;
    }

    public static Optional<KbArticle> article(Connection c, UUID workspaceId, UUID id) throws SQLException {
        return one(c, "SELECT " + ARTICLE_COLUMNS + " FROM kb_articles WHERE workspace_id = ? AND id = ?", workspaceId, id);
    }

    public static Optional<KbArticle> articleBySlug(Connection c, UUID workspaceId, String slug) throws SQLException {
        return one(c, "SELECT " + ARTICLE_COLUMNS + " FROM kb_articles WHERE workspace_id = ? AND slug = ?", workspaceId, slug);
    }

    public static boolean slugTaken(Connection c, UUID workspaceId, String slug, UUID except) throws SQLException {
        try (PreparedStatement query = c.prepareStatement("SELECT 1 FROM kb_articles WHERE workspace_id = ? AND slug = ? AND id <> ?")) {
            query.setObject(1, workspaceId);
            query.setString(2, slug);
            query.setObject(3, except == null ? new UUID(0, 0) : except);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next();
            }
        }
    }

    /** The staff list: newest change first. */
    public static List<KbArticle> list(Connection c, UUID workspaceId, Filter filter, int offset, int limit) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT " + ARTICLE_COLUMNS + " FROM kb_articles WHERE workspace_id = ?");
        List<Object> parameters = new ArrayList<>(List.of(workspaceId));
        if (filter.status() != null) {
            sql.append(" AND status = ?");
            parameters.add(filter.status().apiName());
        }
        if (filter.visibility() != null) {
            sql.append(" AND visibility = ?");
            parameters.add(filter.visibility().apiName());
        }
        if (filter.language() != null) {
            sql.append(" AND language = ?");
            parameters.add(filter.language());
        }
        if (filter.categoryId() != null) {
            sql.append(" AND category_id = ?");
            parameters.add(filter.categoryId());
        }
        if (filter.tag() != null) {
            sql.append(" AND tags @> ARRAY[?]::text[]");
            parameters.add(filter.tag());
        }
        if (filter.titleContains() != null) {
            sql.append(" AND title ILIKE ? ESCAPE '\\'");
            parameters.add("%" + filter.titleContains().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
        }
        sql.append(" ORDER BY updated_at DESC, id LIMIT ? OFFSET ?");
        parameters.add(limit);
        parameters.add(offset);
        return many(c, sql.toString(), parameters.toArray());
    }

    /** Published articles the reader may see, in a category (or all when null), most read first. */
    public static List<KbArticle> published(Connection c, UUID workspaceId, Set<Visibility> visibilities, UUID categoryId, String language,
            int limit) throws SQLException {
        return many(c, "SELECT " + ARTICLE_COLUMNS + " FROM kb_articles WHERE workspace_id = ? AND status = 'published' AND visibility = ANY (?) "
                + "AND (?::uuid IS NULL OR category_id = ?) AND (?::text IS NULL OR language = ?) ORDER BY view_count DESC, title LIMIT ?",
                workspaceId, names(c, visibilities), categoryId, categoryId, language, language, limit);
    }

    /** The other languages of an article (its translation group), as the reader may see them. */
    public static List<KbArticle> translations(Connection c, UUID workspaceId, UUID group, Set<Visibility> visibilities, boolean drafts)
            throws SQLException {
        return many(c, "SELECT " + ARTICLE_COLUMNS + " FROM kb_articles WHERE workspace_id = ? AND translation_group = ? AND visibility = ANY (?) "
                + "AND (? OR status = 'published') ORDER BY language", workspaceId, group, names(c, visibilities), drafts);
    }

    /** Articles in the same language sharing tags or the category: shared tags count most, then readership. */
    public static List<KbArticle> related(Connection c, KbArticle to, Set<Visibility> visibilities, int limit) throws SQLException {
        return many(c, "SELECT " + ARTICLE_COLUMNS + " FROM kb_articles WHERE workspace_id = ? AND status = 'published' AND visibility = ANY (?) "
                + "AND id <> ? AND language = ? AND (tags && ? OR category_id = ?) "
                + "ORDER BY cardinality(ARRAY(SELECT unnest(tags) INTERSECT SELECT unnest(?::text[]))) DESC, view_count DESC, title LIMIT ?",
                to.workspaceId(), names(c, visibilities), to.id(), to.language(), c.createArrayOf("text", to.tags().toArray()), to.categoryId(),
                c.createArrayOf("text", to.tags().toArray()), limit);
    }

    public static void deleteArticle(Connection c, UUID workspaceId, UUID id) throws SQLException {
        update(c, "DELETE FROM kb_articles WHERE workspace_id = ? AND id = ?", workspaceId, id);
    }

    // ---- files

    private static final String FILE_COLUMNS = "id, article_id, file_name, content_type, size_bytes, sha256, created_at";

    public static void insertFile(Connection c, UUID workspaceId, KbFile f, byte[] content, UUID uploadedBy) throws SQLException {
        update(c, "INSERT INTO kb_files (" + FILE_COLUMNS + ", workspace_id, content, uploaded_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", f.id(),
                f.articleId(), f.fileName(), f.contentType(), f.size(), f.sha256(), f.createdAt(), workspaceId, content, uploadedBy);
    }

    /** An article's files, oldest first. */
    public static List<KbFile> files(Connection c, UUID workspaceId, UUID articleId) throws SQLException {
        List<KbFile> files = new ArrayList<>();
        try (PreparedStatement query = c.prepareStatement("SELECT " + FILE_COLUMNS + " FROM kb_files WHERE workspace_id = ? AND article_id = ? "
                + "ORDER BY created_at, id")) {
            query.setObject(1, workspaceId);
            query.setObject(2, articleId);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    files.add(file(rows));
                }
            }
        }
        return files;
    }

    /** One file of the article, with its bytes. */
    public static Optional<KbFile.Download> download(Connection c, UUID workspaceId, UUID articleId, UUID fileId) throws SQLException {
        try (PreparedStatement query = c.prepareStatement("SELECT " + FILE_COLUMNS + ", content FROM kb_files WHERE workspace_id = ? AND article_id = ? "
                + "AND id = ?")) {
            query.setObject(1, workspaceId);
            query.setObject(2, articleId);
            query.setObject(3, fileId);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() ? Optional.of(new KbFile.Download(file(rows), rows.getBytes(8))) : Optional.empty();
            }
        }
    }

    public static boolean deleteFile(Connection c, UUID workspaceId, UUID articleId, UUID fileId) throws SQLException {
        try (PreparedStatement delete = c.prepareStatement("DELETE FROM kb_files WHERE workspace_id = ? AND article_id = ? AND id = ?")) {
            delete.setObject(1, workspaceId);
            delete.setObject(2, articleId);
            delete.setObject(3, fileId);
            return delete.executeUpdate() == 1;
        }
    }

    private static KbFile file(ResultSet r) throws SQLException {
        return new KbFile(r.getObject(1, UUID.class), r.getObject(2, UUID.class), r.getString(3), r.getString(4), r.getLong(5), r.getString(6),
                instant(r.getTimestamp(7)));
    }

    public static void recordView(Connection c, UUID workspaceId, UUID id) throws SQLException {
        update(c, "UPDATE kb_articles SET view_count = view_count + 1 WHERE workspace_id = ? AND id = ?", workspaceId, id);
    }

    /** Counts the answer unless this visitor answered for this article before; true when it counted. */
    public static boolean recordFeedback(Connection c, UUID workspaceId, UUID articleId, String visitorKey, boolean helpful, Instant at)
            throws SQLException {
        int inserted = update(c, "INSERT INTO kb_feedback (article_id, workspace_id, visitor_key, helpful, at) SELECT id, workspace_id, ?, ?, ? "
                + "FROM kb_articles WHERE workspace_id = ? AND id = ? ON CONFLICT DO NOTHING", visitorKey, helpful, ts(at), workspaceId, articleId);
        if (inserted == 1) {
            update(c, "UPDATE kb_articles SET " + (helpful ? "helpful_yes = helpful_yes + 1" : "helpful_no = helpful_no + 1")
                    + " WHERE workspace_id = ? AND id = ?", workspaceId, articleId);
        }
        return inserted == 1;
    }

    public static List<SitemapEntry> sitemap(Connection c, UUID workspaceId, int limit) throws SQLException {
        List<SitemapEntry> entries = new ArrayList<>();
        try (PreparedStatement query = c.prepareStatement("SELECT slug, language, updated_at FROM kb_articles WHERE workspace_id = ? "
                + "AND status = 'published' AND visibility = 'public' ORDER BY updated_at DESC LIMIT ?")) {
            query.setObject(1, workspaceId);
            query.setInt(2, limit);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    entries.add(new SitemapEntry(rows.getString(1), rows.getString(2), rows.getTimestamp(3).toInstant()));
                }
            }
        }
        return entries;
    }

    // ---- search

    /**
     * Published articles (and drafts when asked) the visibilities allow, best first. A match is either
     * full text (the article's language stems word forms: "resetting passwords" finds "Reset your
     * password"), or one of the query's words, or a word of the workspace's titles, summaries and tags
     * close to it by trigrams (a typing slip: "pasword resett"), in an article's title, summary or tags.
     * The slips are corrected against the workspace's words ({@link #rememberWords}), a short list, so
     * that two full-text indexes (the whole article's, and the title's, summary's and tags') answer
     * both kinds, and only their matches are read and ranked.
     */
    public static List<KbSearchHit> search(Connection c, UUID workspaceId, String query, String language, Set<Visibility> visibilities,
            boolean drafts, int limit) throws SQLException {
        List<String> configs = language != null ? List.of(SearchLanguages.config(language)) : configsIn(c, workspaceId);
        if (configs.isEmpty()) {
            return List.of();
        }
        String slips = titleWordsQuery(c, workspaceId, fuzzyWords(query));
        String slipReading = slips == null ? "CAST(NULL AS tsquery)" : "to_tsquery(?::regconfig, ?::text)";
        // Each stemmer present reads the query once (r); their readings ORed are one value each index serves,
        // and each match is then checked against its own language's reading, so that one language's stems
        // never match another's words.
        StringBuilder readings = new StringBuilder();
        StringBuilder anyText = new StringBuilder();
        StringBuilder anySlip = new StringBuilder();
        List<Object> readingParams = new ArrayList<>();
        List<Object> anyTextParams = new ArrayList<>();
        List<Object> anySlipParams = new ArrayList<>();
        for (int i = 0; i < configs.size(); i++) {
            String config = configs.get(i);
            String or = i == 0 ? "" : " || ";
            readings.append(i == 0 ? "" : ", ").append("(?::regconfig, websearch_to_tsquery(?::regconfig, ?::text), ").append(slipReading).append(")");
            readingParams.addAll(List.of(config, config, query));
            anyText.append(or).append("websearch_to_tsquery(?::regconfig, ?::text)");
            anyTextParams.addAll(List.of(config, query));
            anySlip.append(or).append(slipReading);
            if (slips != null) {
                readingParams.addAll(List.of(config, slips));
                anySlipParams.addAll(List.of(config, slips));
            }
        }
        String sql = "WITH r AS MATERIALIZED (SELECT v.config, v.text_query, v.slip_query FROM (VALUES " + readings
                + ") AS v (config, text_query, slip_query)) "
                + "SELECT a.id, a.slug, a.title, a.summary, a.language, a.visibility, a.category_id, ts_headline(a.search_config, left(a.body_text, 20000), "
                + "CASE WHEN top.slip_query IS NULL THEN top.text_query ELSE top.text_query || top.slip_query END, ?) AS snippet, top.score "
                + "FROM (SELECT a.id, a.updated_at, own.text_query, own.slip_query, "
                + "CASE WHEN a.search_vector @@ own.text_query THEN ts_rank_cd(a.search_vector, own.text_query, 32) * 2 ELSE 0 END "
                + "+ COALESCE(ts_rank_cd(a.head_vector, own.slip_query, 32), 0) AS score "
                // OFFSET 0 keeps the own reading a per-row lookup: joined, the planner scans the index once per language
                + "FROM kb_articles a CROSS JOIN LATERAL (SELECT r.text_query, r.slip_query FROM r WHERE r.config = a.search_config OFFSET 0) own "
                + "WHERE (a.search_vector @@ (" + anyText + ") OR a.head_vector @@ (" + anySlip + ")) "
                + "AND (a.head_vector @@ own.slip_query OR a.search_vector @@ own.text_query) "
                + "AND a.workspace_id = ? AND a.visibility = ANY (?) AND (? OR a.status = 'published') AND (?::text IS NULL OR a.language = ?) "
                + "ORDER BY score DESC, a.updated_at DESC LIMIT ?) top "
                + "JOIN kb_articles a ON a.id = top.id AND a.workspace_id = ? ORDER BY top.score DESC, top.updated_at DESC";
        List<Object> params = new ArrayList<>(readingParams);
        params.add(Snippets.OPTIONS);
        params.addAll(anyTextParams);
        params.addAll(anySlipParams);
        params.add(workspaceId);
        params.add(names(c, visibilities));
        params.add(drafts);
        params.add(language);
        params.add(language);
        params.add(limit);
        params.add(workspaceId);
        // The planner misjudges ORed text queries (each stemmer's reading repeats the same words, counted as
        // independent) and would read and decompress every article; the indexes are always the cheaper way
        // here (docs/performance.md), so a plain scan is ruled out for this one statement.
        try (Statement setting = c.createStatement()) {
            setting.execute("SET enable_seqscan = off");
        }
        try (PreparedStatement statement = c.prepareStatement(sql)) {
            for (int i = 0; i < params.size(); i++) {
                statement.setObject(i + 1, params.get(i));
            }
            List<KbSearchHit> hits = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    hits.add(new KbSearchHit(rows.getObject(1, UUID.class), rows.getString(2), rows.getString(3), rows.getString(4),
                            rows.getString(5), Visibility.fromApiName(rows.getString(6)).orElseThrow(), rows.getObject(7, UUID.class),
                            Snippets.toHtml(rows.getString(8)), rows.getDouble(9)));
                }
            }
            return hits;
        } finally {
            resetSeqScan(c);
        }
    }

    /** Back to the planner's own choice; in a transaction that failed, its rollback undoes the setting anyway. */
    private static void resetSeqScan(Connection c) {
        try (Statement setting = c.createStatement()) {
            setting.execute("RESET enable_seqscan");
        } catch (SQLException e) {
            // the transaction is aborted: rolling it back restores the setting
        }
    }

    /**
     * The query's words and, for each not among the workspace's words, the three of those closest to
     * it (trigram similarity at least pg_trgm's threshold, 0.3 by default), as a tsquery text that
     * matches any of them (read against the titles', summaries' and tags' vector); null without such words.
     * Only letters and digits reach the text, so nothing in it is tsquery syntax.
     */
    static String titleWordsQuery(Connection c, UUID workspaceId, List<String> words) throws SQLException {
        if (words.isEmpty()) {
            return null;
        }
        java.util.LinkedHashSet<String> alternatives = new java.util.LinkedHashSet<>(words);
        try (PreparedStatement statement = c.prepareStatement("SELECT v.word FROM unnest(?::text[]) AS q (w) CROSS JOIN LATERAL ("
                + "SELECT k.word FROM kb_words k WHERE k.workspace_id = ? AND k.word % q.w "
                + "AND NOT EXISTS (SELECT 1 FROM kb_words e WHERE e.workspace_id = ? AND e.word = q.w) "
                + "ORDER BY similarity(k.word, q.w) DESC, k.word LIMIT 3) v")) {
            statement.setArray(1, c.createArrayOf("text", words.toArray()));
            statement.setObject(2, workspaceId);
            statement.setObject(3, workspaceId);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    alternatives.add(rows.getString(1));
                }
            }
        }
        String text = alternatives.stream().filter(w -> WORD.matcher(w).matches()).collect(java.util.stream.Collectors.joining(" | "));
        return text.isEmpty() ? null : text;
    }

    private static final java.util.regex.Pattern WORD = java.util.regex.Pattern.compile("[\\p{L}\\p{N}]+");

    /** Keeps the words of an article's title, summary and tags among the workspace's words, which typing slips are corrected to. */
    static void rememberWords(Connection c, KbArticle a) throws SQLException {
        List<String> words = words(a.title() + " " + a.summary() + " " + String.join(" ", a.tags()), 40, 500);
        if (words.isEmpty()) {
            return;
        }
        try (PreparedStatement insert = c.prepareStatement(
                "INSERT INTO kb_words (workspace_id, word) SELECT ?, unnest(?::text[]) ON CONFLICT DO NOTHING")) {
            insert.setObject(1, a.workspaceId());
            insert.setArray(2, c.createArrayOf("text", words.toArray()));
            insert.executeUpdate();
        }
    }

    /** The text search configurations the workspace's articles use (a handful: one per language family written in). */
    private static List<String> configsIn(Connection c, UUID workspaceId) throws SQLException {
        try (PreparedStatement statement = c.prepareStatement("SELECT DISTINCT search_config::text FROM kb_articles WHERE workspace_id = ?")) {
            statement.setObject(1, workspaceId);
            List<String> configs = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    configs.add(rows.getString(1));
                }
            }
            return configs;
        }
    }

    /**
     * The query's words worth comparing by trigrams: four letters or more (shorter ones are alike
     * to too many words), at most eight of them. One of them close to a word of the article
     * (pg_trgm's word similarity threshold, 0.6 by default) makes it a hit.
     */
    static List<String> fuzzyWords(String query) {
        return words(query, 200, 8);
    }

    /** The distinct words (letters and digits) of four letters or more, up to {@code longest}, lower-cased, at most {@code most}. */
    private static List<String> words(String text, int longest, int most) {
        return Arrays.stream(text.toLowerCase(java.util.Locale.ROOT).split("[^\\p{L}\\p{N}]+"))
                .filter(word -> word.length() >= 4 && word.length() <= longest).distinct().limit(most).toList();
    }

    // ---- versions

    public static void insertVersion(Connection c, UUID workspaceId, KbVersion v, UUID savedBy) throws SQLException {
        update(c, "INSERT INTO kb_article_versions (id, workspace_id, article_id, number, title, summary, body_html, tags, note, saved_by, "
                + "saved_by_name, saved_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", v.id(), workspaceId, v.articleId(), v.number(), v.title(),
                v.summary(), v.bodyHtml(), c.createArrayOf("text", v.tags().toArray()), v.note(), savedBy, v.savedByName(), ts(v.savedAt()));
    }

    public static List<KbVersion> versions(Connection c, UUID workspaceId, UUID articleId) throws SQLException {
        return versionsWhere(c, "workspace_id = ? AND article_id = ? ORDER BY number DESC", workspaceId, articleId);
    }

    public static Optional<KbVersion> version(Connection c, UUID workspaceId, UUID articleId, int number) throws SQLException {
        return versionsWhere(c, "workspace_id = ? AND article_id = ? AND number = ?", workspaceId, articleId, number).stream().findFirst();
    }

    private static List<KbVersion> versionsWhere(Connection c, String where, Object... parameters) throws SQLException {
        List<KbVersion> versions = new ArrayList<>();
        try (PreparedStatement query = c.prepareStatement("SELECT id, article_id, number, title, summary, body_html, tags, note, saved_by_name, "
                + "saved_at FROM kb_article_versions WHERE " + where)) {
            bind(query, parameters);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    versions.add(new KbVersion(rows.getObject(1, UUID.class), rows.getObject(2, UUID.class), rows.getInt(3), rows.getString(4),
                            rows.getString(5), rows.getString(6), strings(rows.getArray(7)), rows.getString(8), rows.getString(9),
                            rows.getTimestamp(10).toInstant()));
                }
            }
        }
        return versions;
    }

    // ---- categories

    public static List<KbCategory> categories(Connection c, UUID workspaceId) throws SQLException {
        List<KbCategory> categories = new ArrayList<>();
        try (PreparedStatement query = c.prepareStatement("SELECT id, parent_id, slug, name, description, position FROM kb_categories "
                + "WHERE workspace_id = ? ORDER BY position, name")) {
            query.setObject(1, workspaceId);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    categories.add(new KbCategory(rows.getObject(1, UUID.class), rows.getObject(2, UUID.class), rows.getString(3), rows.getString(4),
                            rows.getString(5), rows.getInt(6)));
                }
            }
        }
        return categories;
    }

    public static void insertCategory(Connection c, UUID workspaceId, KbCategory category, Instant at) throws SQLException {
        update(c, "INSERT INTO kb_categories (id, workspace_id, parent_id, slug, name, description, position, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                category.id(), workspaceId, category.parentId(), category.slug(), category.name(), category.description(), category.position(), ts(at));
    }

    public static void updateCategory(Connection c, UUID workspaceId, KbCategory category) throws SQLException {
        update(c, "UPDATE kb_categories SET (parent_id, slug, name, description, position) = (?, ?, ?, ?, ?) WHERE workspace_id = ? AND id = ?",
                category.parentId(), category.slug(), category.name(), category.description(), category.position(), workspaceId, category.id());
    }

    /** How many articles (any status, visibility or language) each category of the workspace holds; empty ones are absent. */
    public static java.util.Map<UUID, Integer> articleCounts(Connection c, UUID workspaceId) throws SQLException {
        java.util.Map<UUID, Integer> counts = new java.util.HashMap<>();
        try (PreparedStatement query = c.prepareStatement("SELECT category_id, count(*) FROM kb_articles "
                + "WHERE workspace_id = ? AND category_id IS NOT NULL GROUP BY category_id")) {
            query.setObject(1, workspaceId);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    counts.put(rows.getObject(1, UUID.class), rows.getInt(2));
                }
            }
        }
        return counts;
    }

    /** Removes an empty category: its articles become uncategorised. */
    public static void deleteCategory(Connection c, UUID workspaceId, UUID id) throws SQLException {
        update(c, "DELETE FROM kb_categories WHERE workspace_id = ? AND id = ?", workspaceId, id);
    }

    // ---- plumbing

    private static Optional<KbArticle> one(Connection c, String sql, Object... parameters) throws SQLException {
        return many(c, sql, parameters).stream().findFirst();
    }

    private static List<KbArticle> many(Connection c, String sql, Object... parameters) throws SQLException {
        List<KbArticle> articles = new ArrayList<>();
        try (PreparedStatement query = c.prepareStatement(sql)) {
            bind(query, parameters);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    articles.add(article(rows));
                }
            }
        }
        return articles;
    }

    private static int update(Connection c, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = c.prepareStatement(sql)) {
            bind(statement, parameters);
            return statement.executeUpdate();
        }
    }

    private static void bind(PreparedStatement statement, Object... parameters) throws SQLException {
        for (int i = 0; i < parameters.length; i++) {
            Object value = parameters[i];
            if (value instanceof Instant instant) {
                statement.setTimestamp(i + 1, ts(instant));
            } else if (value == null) {
                statement.setNull(i + 1, Types.OTHER);
            } else if (value instanceof String text) {
                statement.setString(i + 1, text);
            } else {
                statement.setObject(i + 1, value);
            }
        }
    }

    private static KbArticle article(ResultSet r) throws SQLException {
        java.sql.Date review = r.getDate(16);
        return new KbArticle(r.getObject(1, UUID.class), r.getObject(2, UUID.class), r.getObject(3, UUID.class), r.getObject(4, UUID.class),
                r.getString(5), r.getString(6), r.getString(7), r.getString(8), r.getString(9), r.getString(10), strings(r.getArray(11)),
                ArticleStatus.fromApiName(r.getString(12)).orElseThrow(), Visibility.fromApiName(r.getString(13)).orElseThrow(),
                r.getObject(14, UUID.class), r.getString(15), review == null ? null : review.toLocalDate(), r.getInt(17), r.getLong(18),
                r.getInt(19), r.getInt(20), instant(r.getTimestamp(21)), instant(r.getTimestamp(22)), instant(r.getTimestamp(23)));
    }

    private static Array names(Connection c, Set<Visibility> visibilities) throws SQLException {
        return c.createArrayOf("text", visibilities.stream().map(Visibility::apiName).toArray());
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : List.of((String[]) array.getArray());
    }

    private static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
