package org.relaydesk.plugin.assist;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.relaydesk.api.assist.Answer;
import org.relaydesk.api.assist.AssistProvider;
import org.relaydesk.api.assist.AssistTicket;
import org.relaydesk.api.assist.Classification;
import org.relaydesk.api.assist.Draft;
import org.relaydesk.api.assist.KnowledgeHit;
import org.relaydesk.api.assist.NextAction;
import org.relaydesk.api.assist.Summary;

/**
 * The assistant's operations. Searching, triage and next actions are local (the sentence model and
 * the workspace's own history). Answers, drafts and summaries are extractive unless an
 * OpenAI-compatible endpoint is set for them; the model is then given only the retrieved passages and
 * told to cite them or say it does not know, and when it fails the extractive text is used instead.
 */
public final class AiAssistProvider implements AssistProvider {
    private static final Logger LOG = Logger.getLogger(AiAssistProvider.class.getName());
    /** The thread the model reads for a ticket: its latest words matter most, and the model reads 256 word pieces. */
    static final int TICKET_TEXT = 1_500;
    private static final Pattern CITATION = Pattern.compile("\\[(\\d{1,2})]");
    static final String DONT_KNOW = "I don't know";

    /**
     * The latest classifications by what they read: the host asks for a ticket's classification and
     * its next actions together, and the second needs the first.
     */
    private final Map<String, Classification> recent = java.util.Collections.synchronizedMap(new java.util.LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Classification> eldest) {
            return size() > 256;
        }
    });

    @Override
    public Classification classify(AssistTicket ticket) {
        String key = ticket.workspaceId() + "/" + ticket.id() + "/" + ticket.status() + "/" + ticket.turns().size() + "/"
                + ticket.customerText().hashCode() + "/" + Assistant.current().index(ticket.workspaceId()).builtAt;
        Classification known = recent.get(key);
        if (known != null) {
            return known;
        }
        Classification made = classifyNow(ticket);
        recent.put(key, made);
        return made;
    }

    private Classification classifyNow(AssistTicket ticket) {
        Assistant assistant = Assistant.current();
        KnowledgeIndex index = assistant.index(ticket.workspaceId());
        TicketClassifier.Guesses guesses = index.examples.isEmpty() ? TicketClassifier.Guesses.NONE
                : TicketClassifier.classify(index, assistant.vectors().vector(about(ticket)));
        return new Classification(guesses.categories(), guesses.priorities(), guesses.teams(), guesses.tags(),
                Languages.guess(ticket.customerText()), MoodReader.read(ticket), assistant.vectors().model());
    }

    @Override
    public List<NextAction> suggestNextActions(AssistTicket ticket) {
        Assistant assistant = Assistant.current();
        KnowledgeIndex index = assistant.index(ticket.workspaceId());
        Classification classification = classify(ticket);
        List<KnowledgeIndex.Match> articles = articles(assistant, index, ticket.workspaceId(), about(ticket), KnowledgeHit.Audience.CUSTOMERS, 3);
        return NextActionAdvisor.advise(ticket, classification, articles, index.vocabulary.teams());
    }

    @Override
    public List<KnowledgeHit> relatedKnowledge(UUID workspaceId, String text, KnowledgeHit.Audience audience, int limit) {
        if (text == null || text.isBlank() || limit <= 0) {
            return List.of();
        }
        Assistant assistant = Assistant.current();
        KnowledgeIndex index = assistant.index(workspaceId);
        List<KnowledgeIndex.Match> matches = new ArrayList<>(articles(assistant, index, workspaceId, text, audience, limit));
        if (audience == KnowledgeHit.Audience.STAFF) {
            matches.addAll(index.tickets(assistant.vectors().vector(cut(text)), limit));
        }
        matches.sort(Comparator.comparingDouble(KnowledgeIndex.Match::score).reversed());
        return ExtractiveWriter.hits(matches.subList(0, Math.min(limit, matches.size())));
    }

    @Override
    public Answer answer(UUID workspaceId, String question, KnowledgeHit.Audience audience, String language) {
        Assistant assistant = Assistant.current();
        String lang = language == null ? guessLanguage(question) : language;
        if (question == null || question.isBlank()) {
            return Answer.unknown(ExtractiveWriter.unknown(lang), ExtractiveWriter.MODEL);
        }
        KnowledgeIndex index = assistant.index(workspaceId);
        List<KnowledgeIndex.Match> used = ExtractiveWriter.answering(articles(assistant, index, workspaceId, question, audience, 5));
        if (used.isEmpty()) {
            return Answer.unknown(ExtractiveWriter.unknown(lang), ExtractiveWriter.MODEL);
        }
        Settings settings = assistant.settings();
        if (settings.generates() && settings.answersGenerated()) {
            Redactor redactor = new Redactor(null);
            String prompt = "Question: " + (settings.personalDataAllowed() ? question : redactor.redact(question)) + "\n\n" + numbered(used);
            try {
                String text = OpenAiCompatible.complete(assistant.host.http(), settings, grounding(lang, "answer the customer's question"), prompt);
                if (text.startsWith(DONT_KNOW)) {
                    return Answer.unknown(ExtractiveWriter.unknown(lang), settings.model());
                }
                return new Answer(text, ExtractiveWriter.hits(cited(text, used)), true, settings.model());
            } catch (OpenAiCompatible.Failed | RuntimeException e) {
                LOG.log(Level.INFO, "Generation failed; answering with the passages themselves: " + e.getMessage());
            }
        }
        return new Answer(ExtractiveWriter.answer(used, lang), ExtractiveWriter.hits(used), true, ExtractiveWriter.MODEL);
    }

    @Override
    public Draft draftReply(AssistTicket ticket) {
        Assistant assistant = Assistant.current();
        KnowledgeIndex index = assistant.index(ticket.workspaceId());
        String about = about(ticket);
        List<KnowledgeIndex.Match> articles = articles(assistant, index, ticket.workspaceId(), about, KnowledgeHit.Audience.CUSTOMERS, 3);
        List<KnowledgeIndex.Match> solved = index.tickets(assistant.vectors().vector(about), 2);
        List<KnowledgeIndex.Match> grounds = new ArrayList<>(ExtractiveWriter.answering(articles));
        solved.stream().filter(s -> s.score() >= 0.6 && !s.passage().isBlank()).findFirst().ifPresent(grounds::add);
        Settings settings = assistant.settings();
        if (settings.generates() && settings.draftsGenerated() && !grounds.isEmpty()) {
            Redactor redactor = new Redactor(ticket.contactName());
            // a reply to the customer is drafted from the public conversation: internal notes stay here
            String thread = thread(ticket, settings.personalDataAllowed() ? null : redactor, false);
            // the passages may quote another customer's solved ticket: redacted like the thread
            String passages = settings.personalDataAllowed() ? numbered(grounds) : redactor.redact(numbered(grounds));
            try {
                String text = OpenAiCompatible.complete(assistant.host.http(), settings,
                        grounding(null, "write the agent's next reply to the customer, addressing them as " + Redactor.CUSTOMER
                                + " if you greet them, and including the address of any article you use"),
                        "The conversation so far:\n" + thread + "\n\n" + passages);
                if (!text.startsWith(DONT_KNOW)) {
                    return new Draft(settings.personalDataAllowed() ? text : redactor.restore(text), ExtractiveWriter.hits(cited(text, grounds)), settings.model());
                }
            } catch (OpenAiCompatible.Failed | RuntimeException e) {
                LOG.log(Level.INFO, "Generation failed; drafting from the passages themselves: " + e.getMessage());
            }
        }
        String text = ExtractiveWriter.draft(ticket, articles, solved);
        return new Draft(text, text.isEmpty() ? List.of() : ExtractiveWriter.hits(grounds), ExtractiveWriter.MODEL);
    }

    @Override
    public Summary summarise(AssistTicket ticket) {
        Assistant assistant = Assistant.current();
        Settings settings = assistant.settings();
        if (settings.generates() && settings.summariesGenerated()) {
            Redactor redactor = new Redactor(ticket.contactName());
            try {
                String text = OpenAiCompatible.complete(assistant.host.http(), settings,
                        "You summarise support conversations for the agent who picks them up. In at most four short lines: what the "
                                + "customer wants, what has been tried or promised, and what is still open. Use only what the conversation says.",
                        thread(ticket, settings.personalDataAllowed() ? null : redactor, true));
                return new Summary(settings.personalDataAllowed() ? text : redactor.restore(text), settings.model());
            } catch (OpenAiCompatible.Failed | RuntimeException e) {
                LOG.log(Level.INFO, "Generation failed; summarising from the thread itself: " + e.getMessage());
            }
        }
        return new Summary(ExtractiveWriter.summary(ticket), ExtractiveWriter.MODEL);
    }

    @Override
    public String retrain(UUID workspaceId) {
        return Assistant.current().retrain(workspaceId);
    }

    private static List<KnowledgeIndex.Match> articles(Assistant assistant, KnowledgeIndex index, UUID workspaceId, String text,
            KnowledgeHit.Audience audience, int limit) {
        List<UUID> fullText = assistant.host.knowledge().searchArticles(workspaceId, cut(text), audience, 10);
        return index.articles(assistant.vectors().vector(cut(text)), audience, fullText, limit);
    }

    /** What a ticket is about, for the model: the subject, then the customer's latest words. */
    static String about(AssistTicket ticket) {
        String text = ticket.customerText();
        if (text.length() <= TICKET_TEXT) {
            return text;
        }
        return ticket.subject() + "\n" + text.substring(text.length() - (TICKET_TEXT - ticket.subject().length() - 1));
    }

    private static String cut(String text) {
        return text.length() <= TICKET_TEXT ? text : text.substring(0, TICKET_TEXT);
    }

    private static String guessLanguage(String text) {
        var guess = Languages.guess(text == null ? "" : text);
        return guess == null ? "en" : guess.value();
    }

    private static String grounding(String language, String task) {
        return "You help a customer support team. Using only the numbered passages the user gives, " + task + ". Cite each passage you "
                + "use as [n]. If the passages do not contain what is needed, reply exactly \"" + DONT_KNOW + "\" and nothing else."
                + (language == null ? " Write in the customer's language." : " Write in the language with code " + language + ".");
    }

    private static String numbered(List<KnowledgeIndex.Match> passages) {
        StringBuilder text = new StringBuilder("Passages:");
        for (int i = 0; i < passages.size(); i++) {
            KnowledgeIndex.Match match = passages.get(i);
            text.append("\n[").append(i + 1).append("] ").append(match.title()).append(match.url() == null ? "" : " (" + match.url() + ")")
                    .append(": ").append(match.passage());
        }
        return text.toString();
    }

    /** The passages a generated text cites; all of them when it cites none (it was told to use only them). */
    private static List<KnowledgeIndex.Match> cited(String text, List<KnowledgeIndex.Match> passages) {
        List<KnowledgeIndex.Match> cited = new ArrayList<>();
        Matcher matcher = CITATION.matcher(text);
        while (matcher.find()) {
            int n = Integer.parseInt(matcher.group(1));
            if (n >= 1 && n <= passages.size() && !cited.contains(passages.get(n - 1))) {
                cited.add(passages.get(n - 1));
            }
        }
        return cited.isEmpty() ? passages : cited;
    }

    /** The conversation as the model reads it; {@code notes}: with the internal notes (a summary for staff), or without (a reply). */
    private static String thread(AssistTicket ticket, Redactor redactor, boolean notes) {
        StringBuilder text = new StringBuilder("Subject: ").append(ticket.subject());
        for (AssistTicket.Turn turn : ticket.turns()) {
            if (turn.author() == AssistTicket.Author.SYSTEM || turn.author() == AssistTicket.Author.NOTE && !notes) {
                continue;
            }
            text.append("\n").append(switch (turn.author()) {
                case CUSTOMER -> "Customer: ";
                case AGENT -> "Agent: ";
                default -> "Internal note: ";
            }).append(turn.text());
        }
        String thread = text.length() <= 12_000 ? text.toString() : text.substring(text.length() - 12_000);
        return redactor == null ? thread : redactor.redact(thread);
    }
}
