package org.relaydesk.core.widget;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.relaydesk.core.access.RequiresRole;
import org.relaydesk.core.error.InvalidInputException;
import org.relaydesk.core.error.NotFoundException;
import org.relaydesk.core.error.PermissionDeniedException;
import org.relaydesk.core.kb.KbArticle;
import org.relaydesk.core.kb.KbSearchHit;
import org.relaydesk.core.kb.KnowledgeBaseService;
import org.relaydesk.core.persistence.Tenancy;
import org.relaydesk.core.portal.PortalService;
import org.relaydesk.core.sla.BusinessHours;
import org.relaydesk.core.user.Role;
import org.relaydesk.core.user.Secrets;
import org.relaydesk.core.workspace.Workspace;
import org.relaydesk.core.workspace.WorkspaceService;

/**
 * The floating widget: admins set up one per group of websites; visitors of those sites search the
 * help articles and send requests through it. Every visitor's call names the widget by its public site
 * key and comes from a page whose origin the widget allows, checked here (not only by the browser's
 * CORS): a page of another site gets a refusal that says so, and nothing else.
 */
@ApplicationScoped
public class WidgetService {
    static final int MAX_MESSAGE = 10_000;
    static final int MAX_SUBJECT = 120;
    private static final Pattern SITE_KEY = Pattern.compile("wk_[A-Za-z0-9_-]{16,64}");

    @Inject
    org.relaydesk.core.assist.AssistService assist;

    @Inject
    Tenancy tenancy;

    @Inject
    WorkspaceService workspaces;

    @Inject
    KnowledgeBaseService knowledgeBase;

    @Inject
    PortalService portal;

    @Inject
    org.relaydesk.core.persistence.SecretBox secrets;

    Clock clock = Clock.systemUTC();

    /** A visitor's call, checked: the widget, its workspace, and the page's origin. */
    public record Visit(Widget widget, Workspace workspace, AllowedOrigins.Origin origin) {
    }

    /** What the widget needs to draw itself for a visitor. */
    /**
     * {@code chat}: someone is at the chat desk now (and it is within the team's hours), so "Talk to a person" starts a live chat.
     * {@code answers}: the assistant answers a question from the help centre before the form.
     */
    public record Config(String name, String primaryColor, String textColor, String position, String launcherIcon, String language,
            Map<String, String> texts, boolean showHelp, boolean showContact, boolean away, boolean chat, String helpCentreUrl, boolean answers) {
    }

    /** A visitor's message from the contact form. */
    public record VisitorMessage(String name, String email, String message, String pageUrl) {
    }

    /**
     * The request a visitor sent: its number as customers see it and the address they gave. The
     * link to follow it goes by email only (the usual notice): whoever typed someone else's address
     * must not get it.
     */
    public record Sent(UUID ticketId, String number, String email) {
    }

    // ---------------------------------------------------------------- admins

    @Transactional
    @RequiresRole(Role.ADMIN)
    public List<Widget> list() {
        return tenancy.em().createQuery("SELECT w FROM Widget w ORDER BY w.name", Widget.class).getResultList();
    }

    @Transactional
    @RequiresRole(Role.ADMIN)
    public Widget get(UUID id) {
        return Optional.ofNullable(id == null ? null : tenancy.em().find(Widget.class, id)).orElseThrow(() -> new NotFoundException("Widget"));
    }

    @Transactional
    @RequiresRole(Role.ADMIN)
    public Widget create(WidgetSettings settings) {
        checkCalendar(settings);
        Widget widget = new Widget(Secrets.newToken("wk_"), settings);
        tenancy.em().persist(widget);
        return widget;
    }

    @Transactional
    @RequiresRole(Role.ADMIN)
    public Widget update(UUID id, WidgetSettings settings) {
        checkCalendar(settings);
        Widget widget = get(id);
        widget.apply(settings);
        return widget;
    }

    /** The key a host site's server signs its users' identity with (made on first use), for the admin to copy. */
    @Transactional
    @RequiresRole(Role.ADMIN)
    public String identitySecret(UUID id) {
        Widget widget = get(id);
        if (widget.sealedIdentitySecret() == null) {
            widget.sealedIdentitySecret(secrets.seal(Secrets.newToken("wsk_"), secretBinding(widget)));
        }
        return secrets.open(widget.sealedIdentitySecret(), secretBinding(widget));
    }

    /** A new key: identities signed with the old one are refused from now on. */
    @Transactional
    @RequiresRole(Role.ADMIN)
    public String rotateIdentitySecret(UUID id) {
        Widget widget = get(id);
        widget.sealedIdentitySecret(secrets.seal(Secrets.newToken("wsk_"), secretBinding(widget)));
        return secrets.open(widget.sealedIdentitySecret(), secretBinding(widget));
    }

    /** The key, for checking a visitor's signed identity; empty while the admin has not made one. */
    Optional<String> identitySecretOf(Widget widget) {
        return widget.sealedIdentitySecret() == null ? Optional.empty() : Optional.of(secrets.open(widget.sealedIdentitySecret(), secretBinding(widget)));
    }

    private static String secretBinding(Widget widget) {
        return "widget:" + widget.id() + ":identity";
    }

    @Transactional
    @RequiresRole(Role.ADMIN)
    public void delete(UUID id) {
        tenancy.em().remove(get(id));
    }

    private void checkCalendar(WidgetSettings settings) {
        if (settings.businessCalendarId() != null && tenancy.em().find(BusinessHours.class, settings.businessCalendarId()) == null) {
            throw new InvalidInputException("business_calendar_id", "no such business calendar");
        }
        if (settings.chatTeamId() != null && tenancy.em().find(org.relaydesk.core.team.Team.class, settings.chatTeamId()) == null) {
            throw new InvalidInputException("chat_team_id", "no such team");
        }
    }

    // ---------------------------------------------------------------- visitors

    /**
     * The widget a visitor's page names, if the page's origin may show it. An unknown, malformed or
     * switched-off key is "not found"; a page of another site is refused, saying which site it is
     * and how an admin allows it.
     */
    @Transactional
    public Visit visit(String siteKey, String originHeader) {
        if (siteKey == null || !SITE_KEY.matcher(siteKey).matches()) {
            throw new NotFoundException("Widget");
        }
        @SuppressWarnings("unchecked")
        List<Object> owners = tenancy.sql("SELECT CAST(workspace_id AS text) FROM widgets WHERE site_key = ?1 AND active")
                .setParameter(1, siteKey).getResultList();
        if (owners.isEmpty()) {
            throw new NotFoundException("Widget");
        }
        Workspace workspace = workspaces.get(UUID.fromString(owners.get(0).toString()));
        tenancy.actAs(workspace.id());
        Widget widget = tenancy.em().createQuery("SELECT w FROM Widget w WHERE w.siteKey = :key", Widget.class).setParameter("key", siteKey)
                .getResultStream().findFirst().orElseThrow(() -> new NotFoundException("Widget"));
        Optional<AllowedOrigins.Origin> origin = AllowedOrigins.origin(originHeader);
        if (origin.isEmpty() || !widget.allowedOrigins().allows(originHeader)) {
            throw new PermissionDeniedException("This widget may not be shown on " + origin.map(Object::toString).orElse("this page")
                    + ": an admin of the help desk can add the site to the widget's allowed sites (Admin, Widget)");
        }
        return new Visit(widget, workspace, origin.get());
    }

    /** How the widget looks and speaks for a visitor whose browser asks for {@code browserLanguage}. */
    @Transactional
    public Config config(Visit visit, String browserLanguage, boolean agentsAtTheDesk) {
        Widget widget = visit.widget();
        String language = widget.language().isEmpty() ? WidgetTexts.choose(browserLanguage) : widget.language();
        Map<String, String> texts = new java.util.LinkedHashMap<>(WidgetTexts.of(language));
        texts.keySet().removeAll(java.util.Set.of("codeSubject", "codeBody")); // the email's words, not the widget's
        if (!widget.greeting().isEmpty()) {
            texts.put("greeting", widget.greeting());
        }
        boolean away = away(widget);
        return new Config(visit.workspace().name(), widget.primaryColor(), Contrast.textOn(widget.primaryColor()), widget.position(),
                widget.launcherIcon(), language, texts, widget.showHelp(), widget.showContact(), away,
                widget.showContact() && !away && agentsAtTheDesk,
                org.relaydesk.core.channel.NoticeMailer.baseUrl() + "/help" + (visit.workspace().slug() == null ? "" : "?workspace="
                        + visit.workspace().slug()), widget.showHelp() && assist.answersVisitors(visit.workspace().id()));
    }

    /** Outside the team's hours (when the widget names its business calendar), the visitor is told answers come by email. */
    private boolean away(Widget widget) {
        if (widget.businessCalendarId() == null) {
            return false;
        }
        BusinessHours hours = tenancy.em().find(BusinessHours.class, widget.businessCalendarId());
        return hours != null && !hours.calendar().isOpenAt(clock.instant());
    }

    /** The assistant's answer to the visitor's question, from this widget's workspace's public articles. */
    public org.relaydesk.core.assist.AssistService.VisitorAnswer answer(Visit visit, String question, String language) {
        requireHelp(visit);
        if (!assist.answersVisitors(visit.workspace().id())) {
            throw new NotFoundException("Answers");
        }
        return assist.answerVisitor(visit.workspace().id(), question, language);
    }

    /** "Was this helpful?" on an answer this widget's workspace gave. */
    public void answerFeedback(Visit visit, UUID answerId, boolean helpful) {
        requireHelp(visit);
        assist.answerFeedback(answerId, helpful);
    }

    /** Published public articles matching what the visitor typed, best first. */
    public List<KbSearchHit> articles(Visit visit, String query) {
        requireHelp(visit);
        return knowledgeBase.asHelpReader(visit.workspace().id(), Optional.empty(), base -> base.search(query, null, false, 8));
    }

    /** A published public article, to read inside the widget. */
    public KbArticle article(Visit visit, String slug) {
        requireHelp(visit);
        return knowledgeBase.asHelpReader(visit.workspace().id(), Optional.empty(), base -> base.articleBySlug(slug));
    }

    private static void requireHelp(Visit visit) {
        if (!visit.widget().showHelp()) {
            throw new NotFoundException("Help articles");
        }
    }

    /** The contact form: a ticket on channel "widget", its subject the message's first line. */
    @Transactional
    public Sent send(Visit visit, VisitorMessage message) {
        if (!visit.widget().showContact()) {
            throw new NotFoundException("Contact form");
        }
        String text = message.message() == null ? "" : message.message().strip();
        InvalidInputException.Collector errors = new InvalidInputException.Collector();
        errors.check(!text.isEmpty() && text.length() <= MAX_MESSAGE, "message", "is required (at most " + MAX_MESSAGE + " characters)");
        errors.check(message.name() == null || message.name().length() <= 200, "name", "at most 200 characters");
        errors.check(message.email() != null && !message.email().isBlank(), "email", "is required, so that we can answer");
        errors.throwIfAny();
        String firstLine = text.lines().map(String::strip).filter(l -> !l.isEmpty()).findFirst().orElse(text);
        String subject = firstLine.length() > MAX_SUBJECT ? firstLine.substring(0, MAX_SUBJECT - 1).strip() + "…" : firstLine;
        String description = text + (pageOf(visit, message.pageUrl()).map(page -> "\n\n(Sent from " + page + ")").orElse(""));
        PortalService.Submitted submitted = portal.submitThrough(visit.workspace(), "widget", subject, description, message.email().strip(),
                message.name() == null ? null : message.name().strip());
        portal.confirmReceipt(submitted.ticket().id(), message.email().strip()); // the link to follow it, to that address only
        return new Sent(submitted.ticket().id(), visit.workspace().ticketPrefix() + submitted.ticket().number(), message.email().strip());
    }

    /** The page the visitor wrote from, kept only when it is a page of the site that asked (no links planted from elsewhere). */
    public static Optional<String> pageOf(Visit visit, String pageUrl) {
        if (pageUrl == null || pageUrl.isBlank() || pageUrl.length() > 2000) {
            return Optional.empty(); // only a hint for the agent: never a reason to refuse the visitor's message
        }
        try {
            java.net.URI uri = new java.net.URI(pageUrl.strip());
            String origin = uri.getScheme() + "://" + uri.getRawAuthority();
            return AllowedOrigins.origin(origin).filter(visit.origin()::equals).map(o -> o + (uri.getRawPath() == null ? "" : uri.getRawPath()));
        } catch (java.net.URISyntaxException e) {
            return Optional.empty();
        }
    }
}
