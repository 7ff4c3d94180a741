package org.relaydesk.web.panel.admin;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.relaydesk.core.kb.ArticleStatus;
import org.relaydesk.core.kb.CategoryInput;
import org.relaydesk.core.kb.KbArticle;
import org.relaydesk.core.kb.KbCategory;
import org.relaydesk.core.kb.KbStore;
import org.relaydesk.core.kb.KnowledgeBaseService;
import org.relaydesk.core.kb.SearchLanguages;
import org.relaydesk.web.panel.PanelActions;

/**
 * /admin/kb: every article of the workspace's knowledge base (drafts and internal ones too) with
 * search and filters, and the category tree. Every call goes through {@link KnowledgeBaseService#asEditor},
 * which checks the role again whatever the page's filter did.
 */
@Named
@ViewScoped
public class AdminKbView implements Serializable {
    private static final long serialVersionUID = 1L;
    static final int LIST_LIMIT = 200;

    @Inject
    KnowledgeBaseService kb;

    private String query;
    private String status;
    private String categoryId;
    private String language;
    private transient List<KbArticle> articles;
    private int page;
    private transient boolean hasNextPage;
    private transient List<CategoryRow> categoryRows;
    private transient List<String> languages;

    // category form
    private String editingCategoryId;
    private String categoryName;
    private String categoryParentId;
    private String categoryDescription;

    /** One category in the tree, indented by its depth; a record would not be readable from EL here. */
    public static final class CategoryRow implements Serializable {
        private static final long serialVersionUID = 1L;
        private final UUID id;
        private final String name;
        private final String slug;
        private final String description;
        private final UUID parentId;
        private final int depth;
        private final int articles;

        CategoryRow(KbCategory category, int depth, int articles) {
            this.id = category.id();
            this.name = category.name();
            this.slug = category.slug();
            this.description = category.description();
            this.parentId = category.parentId();
            this.depth = depth;
            this.articles = articles;
        }

        public String getId() {
            return id.toString();
        }

        public String getName() {
            return name;
        }

        public String getSlug() {
            return slug;
        }

        public String getDescription() {
            return description;
        }

        public String getParentId() {
            return parentId == null ? null : parentId.toString();
        }

        public int getDepth() {
            return depth;
        }

        public int getArticles() {
            return articles;
        }

        /** "— — Name": how a select shows the tree. */
        public String getIndentedName() {
            return "— ".repeat(depth) + name;
        }
    }

    public List<KbArticle> getArticles() {
        if (articles == null) {
            Optional<ArticleStatus> wanted = ArticleStatus.fromApiName(status);
            UUID category = parse(categoryId);
            String lang = language == null || language.isBlank() ? null : SearchLanguages.normalise(language).orElse(null);
            String title = query == null || query.isBlank() ? null : query.strip().substring(0, Math.min(query.strip().length(), 200));
            // one more than a page: whether there is a next page, without counting them all
            List<KbArticle> found = kb.asEditor(k -> k.list(new KbStore.Filter(wanted.orElse(null), null, lang, category, null, title),
                    page * LIST_LIMIT, LIST_LIMIT + 1));
            hasNextPage = found.size() > LIST_LIMIT;
            articles = hasNextPage ? found.subList(0, LIST_LIMIT) : found;
        }
        return articles;
    }

    public boolean isHasNextPage() {
        getArticles();
        return hasNextPage;
    }

    public boolean isHasPreviousPage() {
        return page > 0;
    }

    /** The rows shown, as "201–400" for the page's caption. */
    public String getPageRange() {
        int shown = getArticles().size();
        return shown == 0 ? "0" : (page * LIST_LIMIT + 1) + "\u2013" + (page * LIST_LIMIT + shown);
    }

    public void nextPage() {
        if (isHasNextPage()) {
            page++;
            articles = null;
        }
    }

    public void previousPage() {
        if (page > 0) {
            page--;
            articles = null;
        }
    }

    /** The languages the workspace's articles are written in, for the filter. */
    public List<String> getLanguages() {
        if (languages == null) {
            languages = kb.asEditor(k -> k.list(KbStore.Filter.none(), 0, 5000)).stream().map(KbArticle::language).distinct().sorted().toList();
        }
        return languages;
    }

    public List<CategoryRow> getCategoryRows() {
        if (categoryRows == null) {
            List<CategoryRow> rows = new ArrayList<>();
            kb.asEditor(k -> {
                List<KbCategory> all = k.categories();
                Map<UUID, Integer> counts = k.articleCounts();
                addChildren(rows, all, counts, null, 0);
                return null;
            });
            categoryRows = rows;
        }
        return categoryRows;
    }

    private static void addChildren(List<CategoryRow> rows, List<KbCategory> all, Map<UUID, Integer> counts, UUID parent, int depth) {
        for (KbCategory category : all) {
            if (java.util.Objects.equals(category.parentId(), parent) && depth < 20) {
                rows.add(new CategoryRow(category, depth, counts.getOrDefault(category.id(), 0)));
                addChildren(rows, all, counts, category.id(), depth + 1);
            }
        }
    }

    public String categoryName(UUID id) {
        if (id == null) {
            return "";
        }
        return getCategoryRows().stream().filter(r -> r.id.equals(id)).map(CategoryRow::getName).findFirst().orElse("");
    }

    public String statusLabel(KbArticle article) {
        return article.status() == ArticleStatus.PUBLISHED ? "Published" : "Draft";
    }

    public String visibilityLabel(KbArticle article) {
        return switch (article.visibility()) {
            case PUBLIC -> "Public";
            case CUSTOMERS -> "Customers";
            case INTERNAL -> "Internal";
        };
    }

    public void filter() {
        page = 0;
        articles = null;
    }

    public void clearFilters() {
        page = 0;
        query = null;
        status = null;
        categoryId = null;
        language = null;
        articles = null;
    }

    // ---- categories

    public void startNewCategory() {
        editingCategoryId = null;
        categoryName = null;
        categoryParentId = null;
        categoryDescription = null;
    }

    public void editCategory(CategoryRow row) {
        editingCategoryId = row.getId();
        categoryName = row.getName();
        categoryParentId = row.getParentId();
        categoryDescription = row.getDescription();
    }

    public void saveCategory() {
        UUID parent = parse(categoryParentId);
        UUID editing = parse(editingCategoryId);
        boolean saved;
        if (editing == null) {
            saved = PanelActions.attempt(() -> kb.asEditor(k -> k.createCategory(new CategoryInput(categoryName, null, categoryDescription, parent, null))),
                    "Category " + categoryName + " added");
        } else {
            saved = PanelActions.attempt(() -> kb.asEditor(k -> {
                KbCategory current = k.category(editing);
                // renaming keeps the slug (links to /help/category/... keep working); moving changes the parent only
                return k.updateCategory(editing, new CategoryInput(categoryName, current.slug(), categoryDescription, parent, current.position()));
            }), "Category " + categoryName + " saved");
        }
        if (saved) {
            startNewCategory();
            categoryRows = null;
        }
    }

    public void deleteCategory(CategoryRow row) {
        if (PanelActions.attempt(() -> kb.asEditor(k -> {
            k.deleteEmptyCategory(row.id);
            return null;
        }), "Category " + row.getName() + " deleted")) {
            if (row.getId().equals(editingCategoryId)) {
                startNewCategory();
            }
            if (row.getId().equals(categoryId)) {
                categoryId = null;
            }
        }
        categoryRows = null;
        articles = null;
    }

    /** The parents a category may be moved under: not itself (the core refuses its descendants with a message). */
    public List<CategoryRow> getParentChoices() {
        return getCategoryRows().stream().filter(r -> !r.getId().equals(editingCategoryId)).toList();
    }

    public boolean isEditingCategory() {
        return editingCategoryId != null;
    }

    static UUID parse(String id) {
        if (id == null || id.isBlank()) {
            return null;
        }
        try {
            return UUID.fromString(id.strip());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    public String getQuery() {
        return query;
    }

    public void setQuery(String query) {
        this.query = query;
    }

    public String getStatus() {
        return status;
    }

    public void setStatus(String status) {
        this.status = status;
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

    public String getEditingCategoryId() {
        return editingCategoryId;
    }

    public void setEditingCategoryId(String editingCategoryId) {
        this.editingCategoryId = editingCategoryId == null || editingCategoryId.isBlank() ? null : editingCategoryId;
    }

    public String getCategoryName() {
        return categoryName;
    }

    public void setCategoryName(String categoryName) {
        this.categoryName = categoryName;
    }

    public String getCategoryParentId() {
        return categoryParentId;
    }

    public void setCategoryParentId(String categoryParentId) {
        this.categoryParentId = categoryParentId;
    }

    public String getCategoryDescription() {
        return categoryDescription;
    }

    public void setCategoryDescription(String categoryDescription) {
        this.categoryDescription = categoryDescription;
    }

}
