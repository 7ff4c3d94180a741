package org.relaydesk.web.panel;

import jakarta.faces.context.FacesContext;
import jakarta.faces.event.PhaseId;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.primefaces.PrimeFaces;
import org.relaydesk.api.assist.NextAction;
import org.relaydesk.core.assist.AssistService;
import org.relaydesk.core.error.ConflictException;
import org.relaydesk.core.error.InvalidInputException;
import org.relaydesk.core.error.NotFoundException;
import org.relaydesk.core.error.PermissionDeniedException;
import org.relaydesk.core.text.MessageSanitizer;

/**
 * The ticket page's suggestions (seed 002): how the customer sounds, and what to do next, each with
 * "Do this" and "Not now". Some steps let the agent adjust them first (the questions to ask, when to
 * follow up, the checklist to tick). The suggestions are read again each time the page's side panel
 * is drawn, so they follow the ticket's state and every reply. "Do this" acts on the suggestion of
 * that kind the agent saw, never on a list drawn since. Without an assistant the panel is not shown;
 * when the assistant fails the panel says so and the page works as ever.
 */
@Named
@ViewScoped
public class AssistPanel implements Serializable {
    private static final long serialVersionUID = 1L;

    @Inject
    transient AssistService assist;

    @Inject
    TicketView ticketView;

    /** What the panel last showed: the suggestion's id and its actions by kind (one of each at most). */
    private UUID suggestionId;
    private final Map<String, Shown> shown = new LinkedHashMap<>();
    private String problem;
    private String moodText;
    private boolean frustrated;
    private boolean aggressive;
    private String summary;
    /** What the agent typed into a suggestion before "Do this", by kind (questions, hours) or kind:line (ticks). */
    private final Map<String, String> edits = new HashMap<>();
    private final Map<String, Boolean> ticks = new HashMap<>();
    private UUID loadedFor;

    /** One suggested action as the panel shows it. */
    public record Shown(String kind, String title, String reason, int percent, Map<String, String> arguments, List<String> checklist) implements Serializable {
        public boolean isEditable() {
            return kind.equals("request_info") || kind.equals("follow_up") || kind.equals("close_with_checklist");
        }
    }

    public boolean isAvailable() {
        return assist.available();
    }

    /**
     * The suggestions for the ticket as it is now: read once per drawing of the panel (each redraw of
     * the side panel, after any change, reads them anew), and never while a click is being decoded, so
     * that "Do this" acts on the list the agent saw.
     */
    public List<Shown> getActions() {
        UUID ticketId = ticketView.getTicket() == null ? null : ticketView.getTicket().id();
        if (ticketId == null || !assist.available()) {
            return List.of();
        }
        FacesContext faces = FacesContext.getCurrentInstance();
        boolean drawing = faces.getCurrentPhaseId() == PhaseId.RENDER_RESPONSE;
        if (drawing && faces.getAttributes().putIfAbsent(AssistPanel.class.getName(), Boolean.TRUE) == null || loadedFor == null) {
            load(ticketId);
        }
        return List.copyOf(shown.values());
    }

    private void load(UUID ticketId) {
        loadedFor = ticketId;
        shown.clear();
        problem = null;
        try {
            AssistService.Suggestions suggestions = assist.suggest(ticketId);
            if (!suggestions.suggestionId().equals(suggestionId)) {
                // new suggestions: what the agent typed into the old ones no longer applies; the same ones keep it across redraws
                edits.clear();
                ticks.clear();
            }
            suggestionId = suggestions.suggestionId();
            frustrated = suggestions.mood().frustrated();
            aggressive = suggestions.mood().aggressive();
            moodText = suggestions.mood().frustrated() || suggestions.mood().aggressive()
                    ? (aggressive ? "Aggressive" : "Frustrated") + " (" + Math.round(suggestions.mood().frustration() * 100) + " %): "
                            + String.join("; ", suggestions.mood().signals())
                    : null;
            for (NextAction action : suggestions.actions()) {
                String kind = action.kind().name().toLowerCase(Locale.ROOT);
                List<String> checklist = action.kind() == NextAction.Kind.CLOSE_WITH_CHECKLIST
                        ? action.arguments().getOrDefault("checklist", "").lines().filter(l -> !l.isBlank()).toList() : List.of();
                shown.putIfAbsent(kind, new Shown(kind, action.title(), action.reason(), (int) Math.round(action.confidence() * 100),
                        Map.copyOf(action.arguments()), checklist));
                if (action.kind() == NextAction.Kind.REQUEST_INFO) {
                    edits.putIfAbsent(kind, action.arguments().getOrDefault("questions", ""));
                } else if (action.kind() == NextAction.Kind.FOLLOW_UP) {
                    edits.putIfAbsent(kind, action.arguments().getOrDefault("in_hours", "48"));
                } else if (action.kind() == NextAction.Kind.CLOSE_WITH_CHECKLIST) {
                    // the survey goes unless the agent unticks it (a supervisor's choice: the service refuses it for agents)
                    for (int i = 0; i < checklist.size(); i++) {
                        if (checklist.get(i).toLowerCase(Locale.ROOT).contains("survey")) {
                            ticks.putIfAbsent(kind + ":" + i, Boolean.TRUE);
                        }
                    }
                }
            }
        } catch (ConflictException | NotFoundException | PermissionDeniedException e) {
            problem = e.getMessage();
        }
    }

    /** "Do this": carries out the suggestion of this kind as shown (with what the agent changed in it). */
    public void doIt(String kind) {
        Shown action = shown.get(kind);
        UUID ticketId = loadedFor;
        if (action == null || ticketId == null) {
            PanelActions.error("That suggestion is no longer there; the list was refreshed.");
            return;
        }
        Map<String, String> arguments = new LinkedHashMap<>(action.arguments());
        switch (kind) {
            case "request_info" -> {
                arguments.put("questions", edits.getOrDefault(kind, ""));
            }
            case "follow_up" -> {
                arguments.put("in_hours", edits.getOrDefault(kind, "").strip());
            }
            case "close_with_checklist" -> {
                List<String> unticked = new ArrayList<>();
                boolean survey = false;
                for (int i = 0; i < action.checklist().size(); i++) {
                    String line = action.checklist().get(i);
                    boolean ticked = Boolean.TRUE.equals(ticks.get(kind + ":" + i));
                    if (line.toLowerCase(Locale.ROOT).contains("survey")) {
                        survey = ticked;
                    } else if (!ticked) {
                        unticked.add(line);
                    }
                }
                if (!unticked.isEmpty()) {
                    PanelActions.error("Tick \u201c" + String.join("\u201d and \u201c", unticked) + "\u201d first, or keep the ticket open.");
                    return;
                }
                arguments.put("confirmed", "true");
                arguments.put("survey", String.valueOf(survey));
            }
            default -> {
            }
        }
        NextAction.Kind chosen = NextAction.Kind.valueOf(kind.toUpperCase(Locale.ROOT));
        if (PanelActions.attempt(() -> PanelActions.info(assist.act(ticketId, suggestionId, chosen, arguments)), null)) {
            ticketView.reload();
        }
    }

    /** "Not now": turned down, kept as feedback; it stays away until the suggestions change. */
    public void dismiss(String kind) {
        Shown action = shown.get(kind);
        if (action == null || loadedFor == null) {
            return;
        }
        if (PanelActions.attempt(() -> assist.dismiss(loadedFor, suggestionId, NextAction.Kind.valueOf(kind.toUpperCase(Locale.ROOT))), null)) {
            shown.remove(kind);
        }
    }

    /** "AI draft": the draft goes into the reply box (the page inserts it), with what it rests on in a message. */
    public void draft() {
        UUID ticketId = ticketView.getTicket() == null ? null : ticketView.getTicket().id();
        if (ticketId == null) {
            return;
        }
        try {
            var draft = assist.draft(ticketId);
            if (draft.text().isBlank()) {
                PanelActions.warn("Nothing in the help centre or in solved tickets matches this request well enough to draft from.");
                return;
            }
            PrimeFaces.current().ajax().addCallbackParam("draft", MessageSanitizer.plainToHtml(draft.text()));
            PanelActions.info("Draft written (" + draft.model() + ")" + (draft.sources().isEmpty() ? "" : " from "
                    + String.join(", ", draft.sources().stream().map(s -> "\u201c" + s.title() + "\u201d").toList())) + ". Read it before you send.");
        } catch (ConflictException | NotFoundException | PermissionDeniedException | InvalidInputException e) {
            PanelActions.error(e.getMessage());
        }
    }

    /** "Summarise": a few lines on the thread, shown in the panel. */
    public void summarise() {
        UUID ticketId = ticketView.getTicket() == null ? null : ticketView.getTicket().id();
        if (ticketId == null) {
            return;
        }
        try {
            summary = assist.summary(ticketId).text();
        } catch (ConflictException | NotFoundException | PermissionDeniedException e) {
            PanelActions.error(e.getMessage());
        }
    }

    public Map<String, String> getEdits() {
        return edits;
    }

    public Map<String, Boolean> getTicks() {
        return ticks;
    }

    public String getProblem() {
        return problem;
    }

    public String getMoodText() {
        return moodText;
    }

    public boolean isAggressive() {
        return aggressive;
    }

    public boolean isFrustrated() {
        return frustrated;
    }

    public String getSummary() {
        return summary;
    }

    /** A long thread gets the summary button. */
    public boolean isLongThread() {
        return ticketView.getTicket() != null && ticketView.getThread().size() >= 6;
    }
}
