package org.relaydesk.web.panel.messaging;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.relaydesk.api.channel.MessageTemplate;
import org.relaydesk.core.canned.CannedResponseService;
import org.relaydesk.core.channel.ReplyRoutes;
import org.relaydesk.core.channel.TemplateService;
import org.relaydesk.core.error.NotFoundException;
import org.relaydesk.web.panel.PanelActions;
import org.relaydesk.web.panel.PanelFormat;
import org.relaydesk.web.panel.PanelSession;

/**
 * The channel side of a reply box, shared by the ticket page and the WhatsApp conversation page:
 * the ways the requester can be reached ("Send via", from ReplyRoutes), the chosen route's
 * conversation window as a countdown, and, when it is closed (or the agent asks for one), the
 * template picker: the account's approved templates, their variables pre-filled from the ticket and
 * contact, a preview, and the send through TemplateService (which checks everything again).
 */
@Named
@ViewScoped
public class MessagingReply implements Serializable {
    private static final long serialVersionUID = 1L;

    @Inject
    ReplyRoutes replyRoutes;

    @Inject
    TemplateService templates;

    @Inject
    CannedResponseService canned;

    @Inject
    PanelSession session;

    private UUID ticketId;
    private List<ReplyRoutes.Route> routes = List.of();
    private String via;
    /** The agent asked for a template while the window is open. */
    private boolean templateWanted;
    /** The agent asked for the text box while the window is closed (an internal note, or another route). */
    private boolean freeWanted;
    private List<TemplateService.Template> approved;
    private String templateKey;
    private Map<String, String> values = new LinkedHashMap<>();

    /** The ticket's routes as of now; the agent's choice of route stays while it is still one of them. */
    public void load(UUID ticketId) {
        boolean sameTicket = ticketId.equals(this.ticketId);
        this.ticketId = ticketId;
        try {
            routes = replyRoutes.routes(ticketId);
        } catch (NotFoundException gone) {
            routes = List.of();
        }
        if (!sameTicket || routes.stream().noneMatch(r -> r.accountId().toString().equals(via))) {
            via = routes.isEmpty() ? null : routes.get(0).accountId().toString();
            approved = null;
            templateKey = null;
            values = new LinkedHashMap<>();
        }
    }

    public List<ReplyRoutes.Route> getRoutes() {
        return routes;
    }

    /** "Send via" is offered when the requester can be reached more than one way. */
    public boolean isChoosable() {
        return routes.size() > 1;
    }

    /** The route chosen, or null when replies go through no channel (a ticket opened in the panel for a contact nobody can write to). */
    public ReplyRoutes.Route getChosen() {
        return routes.stream().filter(r -> r.accountId().toString().equals(via)).findFirst().orElse(null);
    }

    /** The account a free-form reply leaves through, or null for the ticket's own. */
    public UUID getViaId() {
        ReplyRoutes.Route chosen = getChosen();
        return chosen == null ? null : chosen.accountId();
    }

    public String getVia() {
        return via;
    }

    public void setVia(String via) {
        this.via = via;
    }

    /** Another route chosen: its templates are others, and its window may differ. */
    public void viaChanged() {
        approved = null;
        templateKey = null;
        values = new LinkedHashMap<>();
        templateWanted = false;
        freeWanted = false;
    }

    /** The chosen route has a conversation window (a messaging channel). */
    public boolean isWindowed() {
        ReplyRoutes.Route chosen = getChosen();
        return chosen != null && !"none".equals(chosen.window().state());
    }

    public boolean isWindowOpen() {
        return isWindowed() && !getChosen().window().closed();
    }

    /** "Window open 23 h 12 min", "Window closed — only approved templates" (relaydesk.js keeps it ticking). */
    public String getWindowText() {
        if (!isWindowed()) {
            return "";
        }
        ReplyRoutes.WindowState window = getChosen().window();
        if (window.closed()) {
            return "Window closed — only approved templates";
        }
        return "Window open " + PanelFormat.span(Duration.between(Instant.now(), window.openUntil()));
    }

    /** When the open window closes, for the countdown; empty otherwise. */
    public String getWindowUntil() {
        return isWindowOpen() && getChosen().window().openUntil() != null ? getChosen().window().openUntil().toString() : "";
    }

    /** The provider's rule, for the countdown's tooltip. */
    public String getWindowReason() {
        return isWindowed() && getChosen().window().reason() != null ? getChosen().window().reason() : "";
    }

    public boolean isOptedOut() {
        ReplyRoutes.Route chosen = getChosen();
        return chosen != null && chosen.optedOut();
    }

    /** How the route's address reads: "+14155550100" for a WhatsApp id, the address otherwise. */
    public String addressOf(ReplyRoutes.Route route) {
        return "whatsapp".equals(route.addressKind()) ? "+" + route.toAddress() : route.toAddress();
    }

    /**
     * "WhatsApp · +14155550100", "Email · ann@example.com": the channel (its name's first words) and the
     * address; the account's name joins when two routes are of one kind (two numbers).
     */
    public String labelOf(ReplyRoutes.Route route) {
        String kind = route.kindName().replaceAll("\\s*\\(.*\\)$", "");
        boolean twin = routes.stream().filter(r -> r.kind().equals(route.kind())).count() > 1;
        return kind + " · " + addressOf(route) + (twin ? " · " + route.accountName() : "");
    }

    /** The route sends templates (WhatsApp): the "Use a template" link. */
    public boolean isTemplatesOffered() {
        ReplyRoutes.Route chosen = getChosen();
        return chosen != null && chosen.templates() && !chosen.optedOut();
    }

    /** The reply box is the template picker: the window is closed, or the agent asked for a template. */
    public boolean isTemplateMode() {
        return isTemplatesOffered() && (templateWanted || getChosen().window().closed() && !freeWanted);
    }

    /** A closed window on a route without templates: nothing free-form can go out there. */
    public boolean isBlocked() {
        ReplyRoutes.Route chosen = getChosen();
        return chosen != null && chosen.window().closed() && !chosen.templates();
    }

    public void useTemplate() {
        templateWanted = true;
        freeWanted = false;
    }

    public void writeFreely() {
        templateWanted = false;
        freeWanted = true;
    }

    /** The chosen account's approved templates (read once per route). */
    public List<TemplateService.Template> getTemplates() {
        if (approved == null) {
            ReplyRoutes.Route chosen = getChosen();
            try {
                approved = chosen == null || !chosen.templates() ? List.of() : templates.approved(chosen.accountId());
            } catch (RuntimeException e) {
                approved = List.of();
                PanelActions.error("The templates of this account could not be read: " + PanelActions.reason(e));
            }
        }
        return approved;
    }

    public String keyOf(TemplateService.Template template) {
        return template.name() + "|" + template.language();
    }

    public String getTemplateKey() {
        return templateKey;
    }

    public void setTemplateKey(String templateKey) {
        this.templateKey = templateKey;
    }

    public TemplateService.Template getTemplate() {
        return templateKey == null ? null : getTemplates().stream().filter(t -> keyOf(t).equals(templateKey)).findFirst().orElse(null);
    }

    /** A template chosen: its variables, each pre-filled when the ticket or contact knows what it asks for. */
    public void templateChosen() {
        values = new LinkedHashMap<>();
        TemplateService.Template template = getTemplate();
        if (template == null) {
            return;
        }
        Map<String, String> known = canned.variables(ticketId, session.getUser().name());
        for (MessageTemplate.Variable variable : template.variables()) {
            values.put(variable.key(), guess(template, variable, known));
        }
    }

    /**
     * What a variable most likely asks for, from its label, its example and the words before it in
     * the template ("Hi {{1}}" is a name): the customer's name, the ticket number or the agent's
     * name; empty when nothing fits (the agent fills it).
     */
    static String guess(TemplateService.Template template, MessageTemplate.Variable variable, Map<String, String> known) {
        String hints = (variable.label() + " " + (variable.example() == null ? "" : variable.example())).toLowerCase(Locale.ROOT);
        String before = wordBefore(template, variable).toLowerCase(Locale.ROOT);
        if (hints.contains("agent")) {
            return known.getOrDefault("agent_name", "");
        }
        if (hints.contains("name") || List.of("hi", "hello", "dear", "hey", "hola", "olá", "bonjour", "hallo").contains(before)) {
            return known.getOrDefault("customer_name", "");
        }
        if (hints.contains("ticket") || hints.contains("case") || hints.contains("reference") || hints.startsWith("#")
                || List.of("ticket", "case", "reference", "request", "order").contains(before)) {
            return known.getOrDefault("ticket_number", "");
        }
        return "";
    }

    private static String wordBefore(TemplateService.Template template, MessageTemplate.Variable variable) {
        int dot = variable.key().indexOf('.');
        if (dot < 0) {
            return "";
        }
        String part = variable.key().substring(0, dot);
        String text = switch (part) {
            case "header" -> template.header();
            case "body" -> template.body();
            case "footer" -> template.footer();
            default -> null;
        };
        if (text == null) {
            return "";
        }
        int at = text.indexOf("{{" + variable.key().substring(dot + 1) + "}}");
        if (at <= 0) {
            return "";
        }
        String[] words = text.substring(0, at).trim().split("[\\s,.:;!¡¿?]+");
        return words.length == 0 ? "" : words[words.length - 1];
    }

    public Map<String, String> getValues() {
        return values;
    }

    /** The variables of the chosen template, in order, for the form. */
    public List<MessageTemplate.Variable> getVariables() {
        TemplateService.Template template = getTemplate();
        return template == null ? List.of() : template.variables();
    }

    /** The template as the customer will read it with the values typed so far. */
    public String getPreview() {
        TemplateService.Template template = getTemplate();
        if (template == null) {
            return "";
        }
        Map<String, String> shown = new LinkedHashMap<>();
        values.forEach((key, value) -> {
            if (value != null && !value.isBlank()) {
                shown.put(key, value);
            }
        });
        return new MessageTemplate(template.name(), template.language(), template.category(), MessageTemplate.Approval.APPROVED, template.header(),
                template.body(), template.footer(), template.buttons(), template.variables(), null).render(shown);
    }

    /** Sends the chosen template on the ticket through the chosen route; true when it went out (the service said yes). */
    public boolean sendTemplate() {
        TemplateService.Template template = getTemplate();
        if (template == null) {
            PanelActions.error("Choose a template first.");
            return false;
        }
        UUID account = getViaId();
        Map<String, String> given = new LinkedHashMap<>(values);
        boolean sent = PanelActions.attempt(() -> templates.send(ticketId, account, template.name(), template.language(), given, session.getUser()),
                "Template " + template.name() + " sent");
        if (sent) {
            templateKey = null;
            values = new LinkedHashMap<>();
            templateWanted = false;
            freeWanted = false;
        }
        return sent;
    }

    public Optional<UUID> ticketId() {
        return Optional.ofNullable(ticketId);
    }
}
