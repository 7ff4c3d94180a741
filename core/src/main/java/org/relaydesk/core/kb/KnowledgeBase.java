package org.relaydesk.core.kb;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.relaydesk.core.error.ConflictException;
import org.relaydesk.core.error.InvalidInputException;
import org.relaydesk.core.error.NotFoundException;
import org.relaydesk.core.error.PermissionDeniedException;
import org.relaydesk.core.persistence.Ids;
import org.relaydesk.core.text.MessageSanitizer;
import org.relaydesk.core.ticket.AttachmentService;
import org.relaydesk.core.ticket.SanitizedBody;

/**
 * The knowledge base as one reader may use it: every read and write goes through the reader's
 * rules ({@link Reader}), in the reader's workspace only. An article the reader may not see is
 * "not found", never "forbidden", so its existence does not leak.
 */
public final class KnowledgeBase {
    public static final int MAX_TITLE = 200;
    public static final int MAX_SUMMARY = 300;
    public static final int MAX_BODY = 200_000;
    public static final int MAX_TAGS = 20;
    public static final int MAX_QUERY = 200;
    static final Pattern TAG = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N} _.-]{0,39}");

    private final Connection connection;
    private final Reader reader;
    private final Clock clock;

    /** Told of each article that goes from draft to published (the service fires the domain event). */
    private java.util.function.Consumer<KbArticle> onPublished = article -> { };

    public KnowledgeBase(Connection connection, Reader reader, Clock clock) {
        this.connection = connection;
        this.reader = reader;
        this.clock = clock;
    }

    KnowledgeBase onPublished(java.util.function.Consumer<KbArticle> listener) {
        this.onPublished = listener;
        return this;
    }

    public Reader reader() {
        return reader;
    }

    // ---- reading

    public KbArticle article(UUID id) {
        return sql(() -> KbStore.article(connection, reader.workspaceId(), id)).filter(reader::sees)
                .orElseThrow(() -> new NotFoundException("Article"));
    }

    public KbArticle articleBySlug(String slug) {
        if (!Slugs.valid(slug)) {
            throw new NotFoundException("Article");
        }
        return sql(() -> KbStore.articleBySlug(connection, reader.workspaceId(), slug)).filter(reader::sees)
                .orElseThrow(() -> new NotFoundException("Article"));
    }

    public List<KbArticle> list(KbStore.Filter filter, int offset, int limit) {
        requireStaff();
        return sql(() -> KbStore.list(connection, reader.workspaceId(), filter, offset, limit));
    }

    /** Published articles this reader may see, in a category (null: all), most read first. */
    public List<KbArticle> published(UUID categoryId, String language, int limit) {
        return sql(() -> KbStore.published(connection, reader.workspaceId(), reader.visibilities(), categoryId, language, limit));
    }

    /** The article's other languages the reader may see (the article itself included). */
    public List<KbArticle> translations(KbArticle article) {
        return sql(() -> KbStore.translations(connection, reader.workspaceId(), article.translationGroup(), reader.visibilities(), reader.isStaff()));
    }

    public List<KbArticle> related(KbArticle article, int limit) {
        return sql(() -> KbStore.related(connection, article, reader.visibilities(), limit));
    }

    public List<KbVersion> versions(UUID articleId) {
        requireStaff();
        article(articleId);
        return sql(() -> KbStore.versions(connection, reader.workspaceId(), articleId));
    }

    public List<KbCategory> categories() {
        return sql(() -> KbStore.categories(connection, reader.workspaceId()));
    }

    public KbCategory categoryBySlug(String slug) {
        return categories().stream().filter(c -> c.slug().equals(slug)).findFirst().orElseThrow(() -> new NotFoundException("Category"));
    }

    /** Published articles the reader may see, best first; staff also find drafts when they ask. */
    public List<KbSearchHit> search(String query, String language, boolean drafts, int limit) {
        String q = query == null ? "" : query.strip();
        InvalidInputException.Collector errors = new InvalidInputException.Collector();
        errors.check(!q.isEmpty() && q.length() <= MAX_QUERY, "q", "is required (at most " + MAX_QUERY + " characters)");
        Optional<String> lang = language == null || language.isBlank() ? Optional.empty() : SearchLanguages.normalise(language);
        errors.check(language == null || language.isBlank() || lang.isPresent(), "lang", "must be a language code such as en or pt-BR");
        errors.throwIfAny();
        String clean = q.replaceAll("[\\p{Cntrl}]", " ");
        return sql(() -> KbStore.search(connection, reader.workspaceId(), clean, lang.orElse(null), reader.visibilities(),
                drafts && reader.isStaff(), Math.max(1, Math.min(limit, 50))));
    }

    public List<KbStore.SitemapEntry> sitemap() {
        return sql(() -> KbStore.sitemap(connection, reader.workspaceId(), 50_000));
    }

    /** A reader opened the article (counted for every reader but staff, whose previews are not readership). */
    public void viewed(KbArticle article) {
        if (!reader.isStaff()) {
            sql(() -> {
                KbStore.recordView(connection, reader.workspaceId(), article.id());
                return null;
            });
        }
    }

    /** "Was this helpful?": counted once per visitor and article; false when this visitor had answered. */
    public boolean feedback(UUID articleId, String visitorKey, boolean helpful) {
        KbArticle article = article(articleId);
        if (visitorKey == null || visitorKey.isBlank() || visitorKey.length() > 100) {
            throw new InvalidInputException("visitor", "is required");
        }
        return sql(() -> KbStore.recordFeedback(connection, reader.workspaceId(), article.id(), visitorKey, helpful, clock.instant()));
    }

    // ---- writing

    public KbArticle create(ArticleInput input) {
        requireStaff();
        Valid valid = validate(input, null);
        UUID group = Ids.newId();
        if (input.translationOf() != null) {
            KbArticle original = sql(() -> KbStore.article(connection, reader.workspaceId(), input.translationOf()))
                    .orElseThrow(() -> new InvalidInputException("translation_of", "is not an article of this workspace"));
            group = original.translationGroup();
            if (hasLanguage(group, valid.language())) {
                throw new ConflictException("This article already has a " + valid.language() + " version");
            }
        }
        Instant now = clock.instant();
        KbArticle article = new KbArticle(Ids.newId(), reader.workspaceId(), input.categoryId(), group, valid.language(), valid.slug(),
                input.title().strip(), valid.summary(), valid.body().html(), valid.body().text(), valid.tags(), ArticleStatus.DRAFT,
                valid.visibility(), reader.userId(), reader.name(), input.reviewOn(), 1, 0, 0, 0, null, now, now);
        sql(() -> {
            KbStore.insertArticle(connection, article);
            saveVersion(article, "Created");
            return null;
        });
        return article;
    }

    /** The most files one article carries. */
    public static final int MAX_FILES = 20;

    /**
     * Adds a file to an article (whoever may edit it): checked like every upload (not empty, at most
     * 10 MB, an allowed type read from its bytes, not from its name).
     */
    public KbFile attach(UUID articleId, String fileName, byte[] content) {
        KbArticle article = editable(articleId);
        AttachmentService.CheckedFile checked = AttachmentService.check(fileName, content);
        if (files(article.id()).size() >= MAX_FILES) {
            throw new InvalidInputException("file", "an article carries at most " + MAX_FILES + " files: remove one first");
        }
        KbFile file = new KbFile(Ids.newId(), article.id(), checked.name(), checked.type(), checked.content().length, checked.sha256(), clock.instant());
        sql(() -> {
            KbStore.insertFile(connection, reader.workspaceId(), file, checked.content(), reader.userId());
            return null;
        });
        return file;
    }

    /** The files of an article the reader may read. */
    public List<KbFile> files(UUID articleId) {
        KbArticle article = article(articleId);
        return sql(() -> KbStore.files(connection, reader.workspaceId(), article.id()));
    }

    /** A file of an article the reader may read, with its bytes; any other is "not found". */
    public KbFile.Download download(UUID articleId, UUID fileId) {
        KbArticle article = article(articleId);
        return sql(() -> KbStore.download(connection, reader.workspaceId(), article.id(), fileId)).orElseThrow(() -> new NotFoundException("File"));
    }

    /** Removes a file from an article (whoever may edit it). */
    public void detach(UUID articleId, UUID fileId) {
        KbArticle article = editable(articleId);
        if (!sql(() -> KbStore.deleteFile(connection, reader.workspaceId(), article.id(), fileId))) {
            throw new NotFoundException("File");
        }
    }

    /** Every save is a new version. An agent edits drafts only; a supervisor or admin anything. */
    public KbArticle update(UUID id, ArticleInput input) {
        KbArticle current = editable(id);
        Valid valid = validate(input, id);
        if (!valid.language().equals(current.language()) && hasLanguage(current.translationGroup(), valid.language())) {
            throw new ConflictException("This article already has a " + valid.language() + " version");
        }
        if (current.status() == ArticleStatus.PUBLISHED && valid.visibility() != current.visibility()) {
            requirePublisher();
        }
        KbArticle updated = new KbArticle(current.id(), current.workspaceId(), input.categoryId(), current.translationGroup(), valid.language(),
                valid.slug(), input.title().strip(), valid.summary(), valid.body().html(), valid.body().text(), valid.tags(), current.status(),
                valid.visibility(), current.authorId(), current.authorName(), input.reviewOn(), current.version() + 1, current.viewCount(),
                current.helpfulYes(), current.helpfulNo(), current.publishedAt(), current.createdAt(), clock.instant());
        sql(() -> {
            KbStore.updateArticle(connection, updated);
            saveVersion(updated, input.note() == null ? "" : input.note().strip());
            return null;
        });
        return updated;
    }

    public KbArticle publish(UUID id) {
        return changeStatus(id, ArticleStatus.PUBLISHED);
    }

    public KbArticle unpublish(UUID id) {
        return changeStatus(id, ArticleStatus.DRAFT);
    }

    private KbArticle changeStatus(UUID id, ArticleStatus status) {
        requirePublisher();
        KbArticle current = article(id);
        Instant now = clock.instant();
        KbArticle changed = new KbArticle(current.id(), current.workspaceId(), current.categoryId(), current.translationGroup(), current.language(),
                current.slug(), current.title(), current.summary(), current.bodyHtml(), current.bodyText(), current.tags(), status,
                current.visibility(), current.authorId(), current.authorName(), current.reviewOn(), current.version(), current.viewCount(),
                current.helpfulYes(), current.helpfulNo(), status == ArticleStatus.PUBLISHED ? now : current.publishedAt(), current.createdAt(), now);
        sql(() -> {
            KbStore.updateArticle(connection, changed);
            return null;
        });
        if (status == ArticleStatus.PUBLISHED && current.status() != ArticleStatus.PUBLISHED) {
            onPublished.accept(changed);
        }
        return changed;
    }

    /** The article's content becomes that of an earlier version, saved as a new version. */
    public KbArticle revert(UUID id, int number) {
        requirePublisher();
        KbArticle current = article(id);
        KbVersion version = sql(() -> KbStore.version(connection, reader.workspaceId(), id, number))
                .orElseThrow(() -> new NotFoundException("Version " + number));
        SanitizedBody body = MessageSanitizer.sanitize(version.bodyHtml());
        KbArticle reverted = new KbArticle(current.id(), current.workspaceId(), current.categoryId(), current.translationGroup(), current.language(),
                current.slug(), version.title(), version.summary(), body.html(), body.text(), version.tags(), current.status(), current.visibility(),
                current.authorId(), current.authorName(), current.reviewOn(), current.version() + 1, current.viewCount(), current.helpfulYes(),
                current.helpfulNo(), current.publishedAt(), current.createdAt(), clock.instant());
        sql(() -> {
            KbStore.updateArticle(connection, reverted);
            saveVersion(reverted, "Reverted to version " + number);
            return null;
        });
        return reverted;
    }

    public void delete(UUID id) {
        requirePublisher();
        KbArticle article = article(id);
        sql(() -> {
            KbStore.deleteArticle(connection, reader.workspaceId(), article.id());
            return null;
        });
    }

    // ---- categories

    public KbCategory createCategory(CategoryInput input) {
        requirePublisher();
        KbCategory category = validCategory(Ids.newId(), input);
        sql(() -> {
            KbStore.insertCategory(connection, reader.workspaceId(), category, clock.instant());
            return null;
        });
        return category;
    }

    public KbCategory updateCategory(UUID id, CategoryInput input) {
        requirePublisher();
        category(id);
        KbCategory category = validCategory(id, input);
        sql(() -> {
            KbStore.updateCategory(connection, reader.workspaceId(), category);
            return null;
        });
        return category;
    }

    /** Only a category without sub-categories goes; its articles become uncategorised. */
    public void deleteCategory(UUID id) {
        requirePublisher();
        category(id);
        if (categories().stream().anyMatch(c -> id.equals(c.parentId()))) {
            throw new ConflictException("Move or delete its sub-categories first");
        }
        sql(() -> {
            KbStore.deleteCategory(connection, reader.workspaceId(), id);
            return null;
        });
    }

    /** Staff: how many articles each category holds (drafts and internal ones included); empty categories are absent. */
    public Map<UUID, Integer> articleCounts() {
        requireStaff();
        return sql(() -> KbStore.articleCounts(connection, reader.workspaceId()));
    }

    /**
     * The editor's delete: only a category that holds neither sub-categories nor articles goes, so
     * that nothing is uncategorised by surprise (the API's {@link #deleteCategory} uncategorises them).
     */
    public void deleteEmptyCategory(UUID id) {
        requirePublisher();
        KbCategory category = category(id);
        long children = categories().stream().filter(c -> id.equals(c.parentId())).count();
        if (children > 0) {
            throw new ConflictException("The category " + category.name() + " still has " + children
                    + (children == 1 ? " sub-category" : " sub-categories") + ": move or delete them first");
        }
        int articles = articleCounts().getOrDefault(id, 0);
        if (articles > 0) {
            throw new ConflictException("The category " + category.name() + " still holds " + articles
                    + (articles == 1 ? " article" : " articles") + ": move them to another category first");
        }
        sql(() -> {
            KbStore.deleteCategory(connection, reader.workspaceId(), id);
            return null;
        });
    }

    public KbCategory category(UUID id) {
        return categories().stream().filter(c -> c.id().equals(id)).findFirst().orElseThrow(() -> new NotFoundException("Category"));
    }

    private KbCategory validCategory(UUID id, CategoryInput input) {
        List<KbCategory> all = categories();
        String slug = input.slug() == null || input.slug().isBlank() ? Slugs.fromTitle(input.name()) : input.slug().strip();
        InvalidInputException.Collector errors = new InvalidInputException.Collector();
        errors.check(input.name() != null && !input.name().isBlank() && input.name().strip().length() <= 100, "name",
                        "is required (at most 100 characters)")
                .check(Slugs.valid(slug), "slug", "lowercase letters, digits and single hyphens (at most " + Slugs.MAX + ")")
                .check(input.description() == null || input.description().length() <= 500, "description", "at most 500 characters")
                .check(input.position() == null || Math.abs(input.position()) <= 100_000, "position", "between -100000 and 100000")
                .check(input.parentId() == null || all.stream().anyMatch(c -> c.id().equals(input.parentId())), "parent_id",
                        "is not a category of this workspace");
        errors.throwIfAny();
        // a category may not sit under itself or under one of its own descendants
        Map<UUID, UUID> parents = new HashMap<>();
        all.forEach(c -> parents.put(c.id(), c.parentId()));
        for (UUID at = input.parentId(); at != null; at = parents.get(at)) {
            if (at.equals(id)) {
                throw new InvalidInputException("parent_id", "would put the category inside itself");
            }
        }
        if (all.stream().anyMatch(c -> c.slug().equals(slug) && !c.id().equals(id))) {
            throw new ConflictException("Another category already uses the slug " + slug);
        }
        return new KbCategory(id, input.parentId(), slug, input.name().strip(), input.description() == null ? "" : input.description().strip(),
                input.position() == null ? 0 : input.position());
    }

    // ---- rules

    private record Valid(String language, String slug, String summary, SanitizedBody body, List<String> tags, Visibility visibility) {
    }

    private Valid validate(ArticleInput input, UUID self) {
        InvalidInputException.Collector errors = new InvalidInputException.Collector();
        String title = input.title() == null ? "" : input.title().strip();
        errors.check(!title.isEmpty() && title.length() <= MAX_TITLE, "title", "is required (at most " + MAX_TITLE + " characters)");
        String slug = input.slug() == null || input.slug().isBlank() ? Slugs.fromTitle(title) : input.slug().strip();
        errors.check(Slugs.valid(slug), "slug", "lowercase letters, digits and single hyphens (at most " + Slugs.MAX + ")");
        String summary = input.summary() == null ? "" : input.summary().strip().replaceAll("\\s+", " ");
        errors.check(summary.length() <= MAX_SUMMARY, "summary", "at most " + MAX_SUMMARY + " characters");
        errors.check(input.body() != null && input.body().length() <= MAX_BODY, "body", "is required (at most " + MAX_BODY + " characters)");
        Optional<String> language = SearchLanguages.normalise(input.language());
        errors.check(language.isPresent(), "language", "must be a language code such as en or pt-BR");
        Optional<Visibility> visibility = input.visibility() == null ? Optional.of(Visibility.PUBLIC) : Visibility.fromApiName(input.visibility());
        errors.check(visibility.isPresent(), "visibility", "must be public, customers or internal");
        List<String> tags = new ArrayList<>(new LinkedHashSet<>(input.tags() == null ? List.of()
                : input.tags().stream().filter(t -> t != null && !t.isBlank()).map(t -> t.strip().toLowerCase(Locale.ROOT)).toList()));
        errors.check(tags.size() <= MAX_TAGS && tags.stream().allMatch(t -> TAG.matcher(t).matches()), "tags",
                "at most " + MAX_TAGS + " tags of up to 40 letters, digits, spaces, dots, - or _");
        errors.check(input.note() == null || input.note().length() <= 200, "note", "at most 200 characters");
        errors.check(input.categoryId() == null || categories().stream().anyMatch(c -> c.id().equals(input.categoryId())), "category_id",
                "is not a category of this workspace");
        SanitizedBody body = input.body() == null ? null : MessageSanitizer.sanitize(input.body());
        errors.check(body == null || !body.text().isBlank() || body.html().contains("<img"), "body", "is empty once unsafe markup is removed");
        errors.throwIfAny();
        if (sql(() -> KbStore.slugTaken(connection, reader.workspaceId(), slug, self))) {
            throw new ConflictException("Another article already uses the slug " + slug);
        }
        return new Valid(language.get(), slug, summary, body, tags, visibility.get());
    }

    private KbArticle editable(UUID id) {
        requireStaff();
        KbArticle article = article(id);
        if (!reader.mayEdit(article)) {
            throw new PermissionDeniedException("Agents edit drafts; a published article is edited by a supervisor or admin");
        }
        return article;
    }

    private void saveVersion(KbArticle article, String note) throws SQLException {
        KbStore.insertVersion(connection, reader.workspaceId(), new KbVersion(Ids.newId(), article.id(), article.version(), article.title(),
                article.summary(), article.bodyHtml(), article.tags(), note, reader.name(), clock.instant()), reader.userId());
    }

    private void requireStaff() {
        if (!reader.writes()) {
            // customers and the public learn nothing about what staff tools exist
            throw new NotFoundException("Article");
        }
    }

    private void requirePublisher() {
        requireStaff();
        if (!reader.publishes()) {
            throw new PermissionDeniedException("This needs the supervisor role");
        }
    }

    private boolean hasLanguage(UUID group, String language) {
        return sql(() -> KbStore.translations(connection, reader.workspaceId(), group, Set.of(Visibility.values()), true)).stream()
                .anyMatch(a -> a.language().equals(language));
    }

    private interface Sql<T> {
        T run() throws SQLException;
    }

    private static <T> T sql(Sql<T> work) {
        try {
            return work.run();
        } catch (SQLException e) {
            throw new IllegalStateException("Knowledge base query failed: " + e.getMessage(), e);
        }
    }
}
