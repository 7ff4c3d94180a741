package org.relaydesk.web.panel.admin;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.relaydesk.core.channel.ChannelAccounts;
import org.relaydesk.core.channel.TemplateService;
import org.relaydesk.core.persistence.Ids;
import org.relaydesk.web.panel.PanelActions;

/**
 * /admin/whatsapp/templates: a number's template library as last synced from Meta, with each
 * template's review (approved, pending, rejected, paused), category, language and body with its
 * variables; narrowed by words and by review; "Sync now" asks Meta again.
 */
@Named
@ViewScoped
public class AdminWhatsAppTemplatesView implements Serializable {
    private static final long serialVersionUID = 1L;
    static final List<String> APPROVALS = List.of("approved", "pending", "rejected", "paused", "disabled", "other");

    @Inject
    ChannelAccounts accounts;

    @Inject
    TemplateService templates;

    private String accountId;
    private String search;
    private String approval;
    private transient List<TemplateService.Template> shown;

    @jakarta.annotation.PostConstruct
    void init() {
        List<ChannelAccounts.AccountView> numbers = getNumbers();
        accountId = numbers.isEmpty() ? null : numbers.get(0).account().id().toString();
    }

    public List<ChannelAccounts.AccountView> getNumbers() {
        return accounts.list().stream().filter(v -> v.account().kind().equals(AdminWhatsAppView.KIND)).toList();
    }

    public List<String> getApprovals() {
        return APPROVALS;
    }

    /** The chosen number's templates that match the words (in name, body or category) and the review chosen. */
    public List<TemplateService.Template> getTemplates() {
        if (shown != null) {
            return shown;
        }
        UUID id = Ids.parse(accountId).orElse(null);
        if (id == null) {
            return List.of();
        }
        String words = search == null ? "" : search.trim().toLowerCase(Locale.ROOT);
        var all = new java.util.concurrent.atomic.AtomicReference<List<TemplateService.Template>>(List.of());
        PanelActions.attempt(() -> all.set(templates.all(id)), null);
        shown = all.get().stream().filter(t -> approval == null || approval.isBlank() || approval.equals(t.approval()))
                .filter(t -> words.isEmpty() || contains(t.name(), words) || contains(t.body(), words) || contains(t.category(), words)
                        || contains(t.language(), words))
                .toList();
        return shown;
    }

    private static boolean contains(String text, String words) {
        return text != null && text.toLowerCase(Locale.ROOT).contains(words);
    }

    public void filter() {
        shown = null;
        if (search != null && search.length() > 200) {
            PanelActions.error("Search is at most 200 characters");
            search = null;
        }
        if (approval != null && !approval.isBlank() && !APPROVALS.contains(approval)) {
            PanelActions.error("Review must be one of " + String.join(", ", APPROVALS));
            approval = null;
        }
    }

    public void syncNow() {
        shown = null;
        UUID id = Ids.parse(accountId).orElse(null);
        if (id == null) {
            PanelActions.error("Choose a number first");
            return;
        }
        TemplateService.Synced[] synced = new TemplateService.Synced[1];
        if (!PanelActions.attempt(() -> synced[0] = templates.syncNow(id), null)) {
            return;
        }
        if (synced[0].error() != null) {
            PanelActions.error("Not synced: " + synced[0].error() + " (the last copy stays)");
        } else {
            PanelActions.info("Synced: " + synced[0].templates() + (synced[0].templates() == 1 ? " template" : " templates") + " from Meta");
        }
    }

    /** "{{1}}" in a body marks a variable: shown apart so that admins see what agents will fill in. */
    public String variables(TemplateService.Template template) {
        return template.variables().stream().map(v -> v.key() + (v.label() == null || v.label().isBlank() ? "" : " (" + v.label() + ")")
                + (v.example() == null ? "" : ", e.g. " + v.example())).reduce((a, b) -> a + "; " + b).orElse("none");
    }

    public String getAccountId() {
        return accountId;
    }

    public void setAccountId(String value) {
        this.accountId = value;
        shown = null;
    }

    public String getSearch() {
        return search;
    }

    public void setSearch(String value) {
        this.search = value;
    }

    public String getApproval() {
        return approval;
    }

    public void setApproval(String value) {
        this.approval = value;
    }
}
