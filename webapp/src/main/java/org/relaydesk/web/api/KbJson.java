package org.relaydesk.web.api;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.relaydesk.core.kb.KbArticle;
import org.relaydesk.core.kb.KbCategory;
import org.relaydesk.core.kb.KbSearchHit;
import org.relaydesk.core.kb.KbVersion;

/** The knowledge base's JSON shapes (snake_case through the API's JSON-B configuration). */
public final class KbJson {
    private KbJson() {
    }

    public record Article(UUID id, UUID categoryId, UUID translationGroup, String language, String slug, String title, String summary, String body,
            List<String> tags, String status, String visibility, UUID authorId, String authorName, LocalDate reviewOn, int version, long viewCount,
            int helpfulYes, int helpfulNo, Instant publishedAt, Instant createdAt, Instant updatedAt, String url) {
        static Article of(KbArticle a) {
            return new Article(a.id(), a.categoryId(), a.translationGroup(), a.language(), a.slug(), a.title(), a.summary(), a.bodyHtml(), a.tags(),
                    a.status().apiName(), a.visibility().apiName(), a.authorId(), a.authorName(), a.reviewOn(), a.version(), a.viewCount(),
                    a.helpfulYes(), a.helpfulNo(), a.publishedAt(), a.createdAt(), a.updatedAt(), "/help/article/" + a.slug());
        }
    }

    public record ArticleList(List<Article> data, int page, int limit) {
    }

    public record Category(UUID id, UUID parentId, String slug, String name, String description, int position) {
        static Category of(KbCategory c) {
            return new Category(c.id(), c.parentId(), c.slug(), c.name(), c.description(), c.position());
        }
    }

    public record CategoryList(List<Category> data) {
    }

    public record Version(int number, String title, String summary, String body, List<String> tags, String note, String savedBy, Instant savedAt) {
        static Version of(KbVersion v) {
            return new Version(v.number(), v.title(), v.summary(), v.bodyHtml(), v.tags(), v.note(), v.savedByName(), v.savedAt());
        }
    }

    public record VersionList(List<Version> data) {
    }

    /** {@code snippet} is HTML: escaped text with the matches in mark elements. */
    public record Hit(UUID id, String slug, String title, String summary, String language, String visibility, UUID categoryId, String snippet,
            double score, String url) {
        static Hit of(KbSearchHit h) {
            return new Hit(h.id(), h.slug(), h.title(), h.summary(), h.language(), h.visibility().apiName(), h.categoryId(), h.snippetHtml(),
                    Math.round(h.score() * 1000) / 1000.0, "/help/article/" + h.slug());
        }
    }

    public record SearchResult(String query, List<Hit> data) {
    }

    /** A file of an article; {@code url} downloads it through the staff API. */
    public record File(UUID id, String name, String contentType, long size, String sha256, Instant createdAt, String url) {
        static File of(org.relaydesk.core.kb.KbFile f) {
            return new File(f.id(), f.fileName(), f.contentType(), f.size(), f.sha256(), f.createdAt(),
                    "/api/kb/articles/" + f.articleId() + "/files/" + f.id());
        }
    }

    public record FileList(List<File> data) {
    }
}
