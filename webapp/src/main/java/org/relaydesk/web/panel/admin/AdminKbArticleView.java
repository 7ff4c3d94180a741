package org.relaydesk.web.panel.admin;

import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.Serializable;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.relaydesk.core.error.NotFoundException;
import org.relaydesk.core.kb.ArticleInput;
import org.relaydesk.core.kb.ArticleStatus;
import org.relaydesk.core.kb.KbArticle;
import org.relaydesk.core.kb.KbFile;
import org.relaydesk.core.kb.KbVersion;
import org.relaydesk.core.kb.KnowledgeBaseService;
import org.relaydesk.core.kb.Visibility;
import org.relaydesk.core.text.MessageSanitizer;
import org.primefaces.event.FileUploadEvent;
import org.relaydesk.web.panel.PanelActions;

/**
 * /admin/kb/article (new) and /admin/kb/article?id=…: one article's editor. The body is sanitised by
 * the core on every save, as for the API; the preview shows what that sanitising keeps.
 */
@Named
@ViewScoped
public class AdminKbArticleView implements Serializable {
    private static final long serialVersionUID = 1L;

    @Inject
    KnowledgeBaseService kb;

    private String id;
    private String translationOf;
    private UUID articleId;
    private UUID translationOfId;
    private ArticleStatus status;
    private int version;
    private String authorName;

    private String title;
    private String slug;
    private String summary;
    private String categoryId;
    private String language = "en";
    private String tags;
    private String visibility = "public";
    private String reviewOn;
    private String body;
    private String note;
    private boolean previewing;

    private transient List<KbVersion> versions;
    private transient List<KbFile> files;
    private transient List<KbArticle> translations;

    /** The view action: an unknown or malformed id is a 404, as for an article of another workspace. */
    public void load() throws IOException {
        if (FacesContext.getCurrentInstance().isPostback()) {
            return;
        }
        UUID wanted = AdminKbView.parse(id);
        if (id != null && !id.isBlank()) {
            KbArticle article = wanted == null ? null : find(wanted);
            if (article == null) {
                notFound();
                return;
            }
            fill(article);
            return;
        }
        UUID original = AdminKbView.parse(translationOf);
        if (translationOf != null && !translationOf.isBlank()) {
            KbArticle source = original == null ? null : find(original);
            if (source == null) {
                notFound();
                return;
            }
            translationOfId = source.id();
            categoryId = source.categoryId() == null ? null : source.categoryId().toString();
            tags = String.join(", ", source.tags());
            visibility = source.visibility().apiName();
            reviewOn = source.reviewOn() == null ? null : source.reviewOn().toString();
            language = null;
        }
    }

    private KbArticle find(UUID wanted) {
        try {
            return kb.asEditor(k -> k.article(wanted));
        } catch (NotFoundException e) {
            return null;
        }
    }

    private static void notFound() throws IOException {
        FacesContext faces = FacesContext.getCurrentInstance();
        faces.getExternalContext().responseSendError(HttpServletResponse.SC_NOT_FOUND, "No such article");
        faces.responseComplete();
    }

    private void fill(KbArticle article) {
        articleId = article.id();
        status = article.status();
        version = article.version();
        authorName = article.authorName();
        title = article.title();
        slug = article.slug();
        summary = article.summary();
        categoryId = article.categoryId() == null ? null : article.categoryId().toString();
        language = article.language();
        tags = String.join(", ", article.tags());
        visibility = article.visibility().apiName();
        reviewOn = article.reviewOn() == null ? null : article.reviewOn().toString();
        body = article.bodyHtml();
        note = null;
        versions = null;
        translations = null;
        files = null;
    }

    private ArticleInput input() {
        List<String> tagList = tags == null ? List.of() : Arrays.stream(tags.split(",")).map(String::strip).filter(t -> !t.isEmpty()).toList();
        return new ArticleInput(title, slug, summary, body, language, AdminKbView.parse(categoryId), tagList, visibility, reviewDate(),
                articleId == null ? translationOfId : null, note);
    }

    private LocalDate reviewDate() {
        if (reviewOn == null || reviewOn.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(reviewOn.strip());
        } catch (DateTimeParseException e) {
            throw new org.relaydesk.core.error.InvalidInputException("review_date", "must be a date such as 2027-01-31");
        }
    }

    /** Saves a new version (a new article: its first one, as a draft). A published article stays published. */
    public void save() throws IOException {
        boolean created = articleId == null;
        KbArticle[] saved = new KbArticle[1];
        if (PanelActions.attempt(() -> saved[0] = kb.asEditor(k -> created ? k.create(input()) : k.update(articleId, input())),
                created ? "Draft saved" : status == ArticleStatus.PUBLISHED ? "Saved: the published article changed" : "Draft saved")) {
            afterSave(saved[0], created);
        }
    }

    public void publish() throws IOException {
        boolean created = articleId == null;
        if (note == null || note.isBlank()) {
            note = "Published";
        }
        KbArticle[] saved = new KbArticle[1];
        if (PanelActions.attempt(() -> saved[0] = kb.asEditor(k -> {
            KbArticle written = created ? k.create(input()) : k.update(articleId, input());
            return k.publish(written.id());
        }), "Published")) {
            afterSave(saved[0], created);
        }
    }

    public void unpublish() {
        if (articleId != null && PanelActions.attempt(() -> fill(kb.asEditor(k -> k.unpublish(articleId))),
                "Unpublished: the article is a draft again, seen by staff only")) {
            previewing = false;
        }
    }

    public void revert(KbVersion to) {
        if (articleId != null && PanelActions.attempt(() -> fill(kb.asEditor(k -> k.revert(articleId, to.number()))),
                "Reverted to version " + to.number() + " (saved as a new version)")) {
            previewing = false;
        }
    }

    /**
     * Deletes the article with its versions (publishers only, checked by the core) and goes back to
     * the list with a message; its translations stay, each an article of its own.
     */
    public void delete() throws IOException {
        if (articleId == null) {
            return;
        }
        String deleted = title;
        if (PanelActions.attempt(() -> kb.asEditor(k -> {
            k.delete(articleId);
            return null;
        }), "Deleted \u201c" + deleted + "\u201d")) {
            ExternalContext external = FacesContext.getCurrentInstance().getExternalContext();
            external.getFlash().setKeepMessages(true);
            external.redirect(external.getRequestContextPath() + "/admin/kb");
        }
    }

    private void afterSave(KbArticle article, boolean created) throws IOException {
        if (created) {
            ExternalContext external = FacesContext.getCurrentInstance().getExternalContext();
            external.getFlash().setKeepMessages(true);
            external.redirect(external.getRequestContextPath() + "/admin/kb/article?id=" + article.id());
            return;
        }
        fill(article);
        previewing = false;
    }

    public void preview() {
        previewing = true;
    }

    public void closePreview() {
        previewing = false;
    }

    /** The body as it will be stored and shown: the core's sanitiser, the same as on save. */
    public String getPreviewHtml() {
        return body == null ? "" : MessageSanitizer.sanitize(body).html();
    }

    /** The article's files, oldest first. */
    public List<KbFile> getFiles() {
        if (files == null) {
            files = articleId == null ? List.of() : kb.asEditor(k -> k.files(articleId));
        }
        return files;
    }

    /** A file dropped on the article: checked by the core (size, type from its bytes), then listed. */
    public void uploadFile(FileUploadEvent event) {
        if (articleId == null) {
            return;
        }
        String name = event.getFile().getFileName();
        byte[] content = event.getFile().getContent();
        if (PanelActions.attempt(() -> kb.asEditor(k -> k.attach(articleId, name, content)), "Added " + name)) {
            files = null;
        }
    }

    public void removeFile(KbFile file) {
        if (articleId != null && PanelActions.attempt(() -> kb.asEditor(k -> {
            k.detach(articleId, file.id());
            return null;
        }), "Removed " + file.fileName())) {
            files = null;
        }
    }

    /** The largest file the upload takes (the core checks it again). */
    public long getMaxFileBytes() {
        return org.relaydesk.core.ticket.AttachmentService.MAX_FILE_BYTES;
    }

    public List<KbVersion> getVersions() {
        if (versions == null) {
            versions = articleId == null ? List.of()
                    : kb.asEditor(k -> k.versions(articleId)).stream().sorted((a, b) -> Integer.compare(b.number(), a.number())).toList();
        }
        return versions;
    }

    /** The other languages of this article (drafts included). */
    public List<KbArticle> getTranslations() {
        if (translations == null) {
            translations = articleId == null ? List.of()
                    : kb.asEditor(k -> k.translations(k.article(articleId))).stream().filter(a -> !a.id().equals(articleId)).toList();
        }
        return translations;
    }

    /** Where the public reads it, when it is published for everyone. */
    public String getHelpUrl() {
        return status == ArticleStatus.PUBLISHED && Visibility.PUBLIC.apiName().equals(visibility) ? "/help/article/" + slug : null;
    }

    public boolean isExisting() {
        return articleId != null;
    }

    public boolean isPublished() {
        return status == ArticleStatus.PUBLISHED;
    }

    public String getStatusLabel() {
        return articleId == null ? "New" : status == ArticleStatus.PUBLISHED ? "Published" : "Draft";
    }

    public String getArticleId() {
        return articleId == null ? null : articleId.toString();
    }

    public boolean isTranslation() {
        return translationOfId != null;
    }

    public int getVersion() {
        return version;
    }

    public String getAuthorName() {
        return authorName;
    }

    public boolean isPreviewing() {
        return previewing;
    }

    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = id;
    }

    public String getTranslationOf() {
        return translationOf;
    }

    public void setTranslationOf(String translationOf) {
        this.translationOf = translationOf;
    }

    public String getTitle() {
        return title;
    }

    public void setTitle(String title) {
        this.title = title;
    }

    public String getSlug() {
        return slug;
    }

    public void setSlug(String slug) {
        this.slug = slug;
    }

    public String getSummary() {
        return summary;
    }

    public void setSummary(String summary) {
        this.summary = summary;
    }

    public String getCategoryId() {
        return categoryId;
    }

    public void setCategoryId(String categoryId) {
        this.categoryId = categoryId;
    }

    public String getLanguage() {
        return language;
    }

    public void setLanguage(String language) {
        this.language = language;
    }

    public String getTags() {
        return tags;
    }

    public void setTags(String tags) {
        this.tags = tags;
    }

    public String getVisibility() {
        return visibility;
    }

    public void setVisibility(String visibility) {
        this.visibility = visibility;
    }

    public String getReviewOn() {
        return reviewOn;
    }

    public void setReviewOn(String reviewOn) {
        this.reviewOn = reviewOn;
    }

    public String getBody() {
        return body;
    }

    public void setBody(String body) {
        this.body = body;
    }

    public String getNote() {
        return note;
    }

    public void setNote(String note) {
        this.note = note;
    }

}
