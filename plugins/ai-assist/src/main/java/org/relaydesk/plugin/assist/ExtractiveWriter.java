package org.relaydesk.plugin.assist;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.relaydesk.api.assist.AssistTicket;
import org.relaydesk.api.assist.KnowledgeHit;

/**
 * Answers, drafts and summaries without a language model: the best passages, quoted and linked,
 * never a sentence the knowledge base does not hold. When nothing matches well enough it says so.
 */
final class ExtractiveWriter {
    /** Below this an article is not an answer: "I don't know" is better than a wrong article. */
    static final double ANSWER_MIN = 0.5;
    /** Articles within this of the best are quoted too. */
    static final double ALSO_WITHIN = 0.06;
    static final String MODEL = "extractive";

    private static final Map<String, String> UNKNOWN = Map.of(
            "en", "I don't know: nothing in the help centre answers this. A person can help; send us a message.",
            "pt", "Não sei: nada na central de ajuda responde a isso. Uma pessoa pode ajudar; envie-nos uma mensagem.",
            "es", "No lo sé: nada en el centro de ayuda responde a esto. Una persona puede ayudar; envíenos un mensaje.",
            "fr", "Je ne sais pas : rien dans le centre d'aide n'y répond. Une personne peut vous aider ; écrivez-nous.",
            "de", "Das weiß ich nicht: Nichts im Hilfe-Center beantwortet das. Ein Mensch kann helfen; schreiben Sie uns.");
    private static final Map<String, String> FROM = Map.of("en", "From", "pt", "De", "es", "De", "fr", "Extrait de", "de", "Aus");

    private ExtractiveWriter() {
    }

    static String unknown(String language) {
        return UNKNOWN.getOrDefault(language == null ? "en" : language.split("-")[0], UNKNOWN.get("en"));
    }

    /** The articles good enough to answer with: the best, and those close behind it (at most two more). */
    static List<KnowledgeIndex.Match> answering(List<KnowledgeIndex.Match> articles) {
        List<KnowledgeIndex.Match> used = new ArrayList<>();
        if (articles.isEmpty() || articles.get(0).score() < ANSWER_MIN) {
            return used;
        }
        double best = articles.get(0).score();
        for (KnowledgeIndex.Match match : articles) {
            if (used.size() < 3 && match.score() >= Math.max(ANSWER_MIN, best - ALSO_WITHIN)) {
                used.add(match);
            }
        }
        return used;
    }

    static String answer(List<KnowledgeIndex.Match> used, String language) {
        String from = FROM.getOrDefault(language == null ? "en" : language.split("-")[0], "From");
        StringBuilder text = new StringBuilder();
        for (KnowledgeIndex.Match match : used) {
            text.append(text.length() == 0 ? "" : "\n\n").append(from).append(" \u201c").append(match.title()).append("\u201d: ")
                    .append(match.passage());
        }
        return text.toString();
    }

    /** A reply quoting the best article (and linking it), or, failing that, how a similar solved ticket was answered. */
    static String draft(AssistTicket ticket, List<KnowledgeIndex.Match> articles, List<KnowledgeIndex.Match> solved) {
        String greeting = "Hi" + (ticket.contactName() == null || ticket.contactName().isBlank() || ticket.contactName().contains("@")
                ? "," : " " + ticket.contactName().strip().split("\\s+")[0] + ",");
        List<KnowledgeIndex.Match> used = answering(articles);
        StringBuilder body = new StringBuilder();
        if (!used.isEmpty()) {
            KnowledgeIndex.Match best = used.get(0);
            body.append("Thanks for getting in touch. This should help:\n\n").append(best.passage()).append("\n\nThe whole article, \u201c")
                    .append(best.title()).append("\u201d, is here: ").append(best.url());
        } else if (!solved.isEmpty() && solved.get(0).score() >= 0.6 && !solved.get(0).passage().isBlank()) {
            body.append("Thanks for getting in touch.\n\n").append(withoutGreetingAndSignature(solved.get(0).passage()));
        } else {
            return "";
        }
        return greeting + "\n\n" + body + "\n\nLet me know if anything is still unclear.";
    }

    /** Where the thread stands: what was asked, how many turns, who spoke last and what they said. */
    static String summary(AssistTicket ticket) {
        List<AssistTicket.Turn> customer = ticket.turns().stream().filter(t -> t.author() == AssistTicket.Author.CUSTOMER).toList();
        long replies = ticket.turns().stream().filter(t -> t.author() == AssistTicket.Author.AGENT).count();
        long notes = ticket.turns().stream().filter(t -> t.author() == AssistTicket.Author.NOTE).count();
        StringBuilder text = new StringBuilder("Asked: ").append(firstSentences(customer.isEmpty() ? ticket.subject() : customer.get(0).text(), 2));
        text.append("\nSo far: ").append(customer.size()).append(customer.size() == 1 ? " message" : " messages").append(" from the customer, ")
                .append(replies).append(replies == 1 ? " reply" : " replies").append(notes > 0 ? ", " + notes + (notes == 1 ? " note" : " notes") : "")
                .append("; status ").append(ticket.status().replace('_', ' ')).append('.');
        AssistTicket.Turn last = ticket.lastPublicTurn();
        if (last != null && customer.size() > 1 || last != null && last.author() == AssistTicket.Author.AGENT) {
            text.append("\nLatest (").append(last.author() == AssistTicket.Author.CUSTOMER ? "customer" : "agent").append("): ")
                    .append(firstSentences(last.text(), 2));
        }
        return text.toString();
    }

    static String firstSentences(String text, int count) {
        String flat = withoutGreetingAndSignature(text).replaceAll("\\s+", " ").strip();
        String[] sentences = flat.split("(?<=[.!?])\\s+");
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < Math.min(count, sentences.length); i++) {
            out.append(i == 0 ? "" : " ").append(sentences[i]);
        }
        String result = out.toString();
        return result.length() <= 300 ? result : result.substring(0, 297) + "…";
    }

    /** An earlier reply without its greeting and sign-off, which name another customer and another agent. */
    static String withoutGreetingAndSignature(String text) {
        List<String> lines = new ArrayList<>(List.of(text.strip().split("\\R")));
        while (!lines.isEmpty() && (lines.get(0).isBlank() || lines.get(0).matches("(?i)\\s*(hi|hello|hey|dear|good (morning|afternoon|evening)|olá|ola|hola|bonjour|hallo)\\b.{0,40}"))) {
            lines.remove(0);
        }
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).matches("(?i)\\s*(best|kind|warm)? ?(regards|wishes)|\\s*(thanks|thank you|cheers|sincerely|atenciosamente|saludos|cordialement|grüße|gruesse)[,!.]?\\s*")
                    || lines.get(i).strip().equals("--")) {
                lines = new ArrayList<>(lines.subList(0, i));
                break;
            }
        }
        return String.join("\n", lines).strip();
    }

    static List<KnowledgeHit> hits(List<KnowledgeIndex.Match> matches) {
        return matches.stream().map(KnowledgeIndex.Match::hit).toList();
    }

}
