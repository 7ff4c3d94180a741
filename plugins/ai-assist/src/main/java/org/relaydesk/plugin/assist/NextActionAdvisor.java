package org.relaydesk.plugin.assist;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.relaydesk.api.assist.AssistTicket;
import org.relaydesk.api.assist.Classification;
import org.relaydesk.api.assist.Mood;
import org.relaydesk.api.assist.NextAction;

/**
 * What an agent could do next, from the ticket's state, its thread, how it is filed against how it
 * seems it should be, the customer's mood and the articles that match. Each suggestion says why in
 * words taken from the ticket. A solved or closed ticket gets none: there is nothing left to do.
 */
final class NextActionAdvisor {
    static final double ARTICLE_MIN = 0.55;
    static final double FIELD_MIN = 0.5;
    private static final Pattern THANKS = Pattern.compile("\\b(?:thanks?|thank you|thx|cheers|that (?:worked|did it|fixed it|helped)|"
            + "(?:it )?works (?:now|again|fine)|all (?:good|sorted|set)|(?:problem|issue) (?:is )?(?:solved|resolved|fixed|gone)|"
            + "you can close|obrigad[oa]|resolvido|gracias|resuelto|merci|résolu|danke|gelöst)\\b", Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    private static final Pattern BROKEN = Pattern.compile("\\b(?:error|fail\\w*|broken|crash\\w*|not work\\w*|doesn'?t work|does not work|"
            + "won'?t|can'?t|cannot|unable|bug|stuck|problem|issue)\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern HOW_TO = Pattern.compile("\\b(?:how (?:do|can|to|does|should)|where (?:do|can|is)|what (?:is|are|do)|can i|is it possible)\\b",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern MONEY = Pattern.compile("\\b(?:order|payment|paid|charge\\w*|refund\\w*|invoice|bill\\w*|transaction|purchase\\w*|delivery|parcel|package)\\b",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern ACCOUNT = Pattern.compile("\\b(?:account|log ?in|sign ?in|password|username|profile)\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern NUMBER = Pattern.compile("(?:#|\\bno\\.?\\s*|\\bnumber\\s*)?\\b[A-Z]{0,4}-?\\d{4,}\\b");
    /** Words in quotes (an error message copied) or an error code; an apostrophe inside a word ("doesn't") is not a quote. */
    private static final Pattern QUOTED_ERROR = Pattern.compile("(?:^|[\\s:(])[\"“'‘][^\"”'’\\n]{6,}[\"”'’](?=$|[\\s.,;:!?)])"
            + "|\\b(?:code|error)\\s*[:#]?\\s*[A-Z0-9_-]*\\d[A-Z0-9_-]*\\b");
    private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\\.[A-Za-z0-9-]{1,63})+");
    private static final Pattern ESCALATION_TEAM = Pattern.compile("escalat|tier ?2|level ?2|second line|2nd line|supervisor|manager|priority",
            Pattern.CASE_INSENSITIVE);

    private NextActionAdvisor() {
    }

    static List<NextAction> advise(AssistTicket ticket, Classification classification, List<KnowledgeIndex.Match> articles, List<String> teams) {
        if (solved(ticket.status())) {
            return List.of();
        }
        List<NextAction> actions = new ArrayList<>();
        AssistTicket.Turn last = ticket.lastPublicTurn();
        boolean answered = ticket.turns().stream().anyMatch(t -> t.author() == AssistTicket.Author.AGENT);
        String customerText = ticket.customerText();

        if (last != null && last.author() == AssistTicket.Author.CUSTOMER && answered && THANKS.matcher(last.text()).find() && !last.text().contains("?")) {
            List<String> checklist = new ArrayList<>();
            if (ticket.openTasks() > 0) {
                checklist.add(ticket.openTasks() == 1 ? "The linked task is done" : "The " + ticket.openTasks() + " linked tasks are done");
            }
            checklist.add("The customer confirmed it works");
            checklist.add("Send the satisfaction survey");
            actions.add(new NextAction(NextAction.Kind.CLOSE_WITH_CHECKLIST, "Resolve with checklist",
                    "The customer's last message reads as solved: \u201c" + excerpt(last.text()) + "\u201d", 0.85,
                    Map.of("checklist", String.join("\n", checklist), "survey", "true")));
        }

        Mood mood = classification.mood();
        if (mood.frustrated() || mood.aggressive()) {
            Map<String, String> arguments = new LinkedHashMap<>();
            String team = escalationTeam(teams, classification, ticket.team());
            if (team != null) {
                arguments.put("team", team);
            }
            String raised = mood.aggressive() ? "urgent" : "high";
            if (rank(ticket.priority()) < rank(raised)) {
                arguments.put("priority", raised);
            }
            arguments.put("note", "The customer sounds " + (mood.aggressive() ? "aggressive" : "frustrated") + ": "
                    + String.join("; ", mood.signals()));
            actions.add(new NextAction(NextAction.Kind.ESCALATE, team == null ? "Escalate: raise the priority" : "Escalate to " + team,
                    "Frustration " + Math.round(mood.frustration() * 100) + " %: " + String.join("; ", mood.signals()),
                    mood.aggressive() ? 0.95 : Math.max(0.6, mood.frustration()), arguments));
        }

        boolean articleAnswers = !articles.isEmpty() && articles.get(0).score() >= ARTICLE_MIN;
        // a how-to question the help centre answers needs the article, not questions back
        if (!answered && needsDetails(customerText) && !(articleAnswers && HOW_TO.matcher(customerText).find() && !BROKEN.matcher(customerText).find())) {
            List<String> questions = questions(customerText);
            actions.add(new NextAction(NextAction.Kind.REQUEST_INFO, "Ask for the missing details",
                    "The request is short on details an agent needs (" + words(customerText) + " words, no reference number or error text)",
                    words(customerText) < 20 ? 0.7 : 0.6, Map.of("questions", String.join("\n", questions))));
        }

        if (!articles.isEmpty() && articles.get(0).score() >= ARTICLE_MIN && !alreadySent(ticket, articles.get(0))) {
            KnowledgeIndex.Match article = articles.get(0);
            actions.add(new NextAction(NextAction.Kind.SEND_ARTICLE, "Send \u201c" + article.title() + "\u201d",
                    "It matches the request (" + Math.round(article.score() * 100) + " %): \u201c" + excerpt(article.passage()) + "\u201d",
                    Math.min(0.9, article.score()), Map.of("article", article.id().toString(), "title", article.title())));
        }

        Map<String, String> fields = new LinkedHashMap<>();
        double fieldConfidence = 0;
        List<String> why = new ArrayList<>();
        fieldConfidence = suggestField(fields, why, "category", ticket.category(), classification.categories(), fieldConfidence);
        fieldConfidence = suggestField(fields, why, "team", ticket.team(), classification.teams(), fieldConfidence);
        fieldConfidence = suggestField(fields, why, "priority", ticket.priority(), classification.priorities(), fieldConfidence);
        List<String> newTags = classification.tags().stream().filter(g -> g.confidence() >= FIELD_MIN && !ticket.tags().contains(g.value()))
                .map(Classification.Guess::value).toList();
        if (!newTags.isEmpty()) {
            fields.put("tags", String.join(",", newTags));
            why.add("tags " + String.join(", ", newTags));
        }
        if (!fields.isEmpty()) {
            actions.add(new NextAction(NextAction.Kind.SET_FIELDS, "File it as similar tickets were",
                    "Solved tickets like this one had " + String.join(", ", why), Math.max(FIELD_MIN, fieldConfidence), fields));
            if (fields.containsKey("team") && ticket.assignee() != null && !fields.get("team").equals(ticket.team())) {
                actions.add(new NextAction(NextAction.Kind.CREATE_TASK, "Ask " + fields.get("team") + " for their part",
                        "Tickets like this were handled by " + fields.get("team") + "; " + ticket.assignee() + " keeps the customer",
                        0.5, Map.of("team", fields.get("team"), "subject", "Input needed: " + ticket.subject(),
                                "note", "Please look at " + ticket.number() + " and add what your team knows.")));
            }
        }

        String email = newEmail(ticket);
        if (email != null) {
            actions.add(new NextAction(NextAction.Kind.UPDATE_CONTACT, "Save " + email + " on the customer record",
                    "The customer gave this address in the thread and the record has " + (blank(ticket.contactEmail()) ? "none" : ticket.contactEmail()),
                    0.7, Map.of("field", "email", "value", email)));
        }

        if (last != null && last.author() == AssistTicket.Author.AGENT) {
            boolean thirdParty = "waiting_on_third_party".equals(ticket.status());
            actions.add(new NextAction(NextAction.Kind.FOLLOW_UP, thirdParty ? "Follow up tomorrow" : "Follow up in two days",
                    thirdParty ? "The ticket waits on someone else; check on them" : "The last word was ours; make sure it reached and helped",
                    0.45, Map.of("in_hours", thirdParty ? "24" : "48",
                            "note", thirdParty ? "Check with the third party" : "Check whether the customer still needs help")));
        }
        actions.sort(Comparator.comparingDouble(NextAction::confidence).reversed());
        return actions;
    }

    static boolean solved(String status) {
        return "resolved".equals(status) || "closed".equals(status) || "cancelled".equals(status);
    }

    private static double suggestField(Map<String, String> fields, List<String> why, String field, String current,
            List<Classification.Guess> guesses, double confidence) {
        if (guesses.isEmpty()) {
            return confidence;
        }
        Classification.Guess best = guesses.get(0);
        if (best.confidence() < FIELD_MIN || best.value().equalsIgnoreCase(current == null ? "" : current)) {
            return confidence;
        }
        fields.put(field, best.value());
        why.add(field + " " + best.value() + " (" + Math.round(best.confidence() * 100) + " %)");
        return Math.max(confidence, best.confidence());
    }

    private static String escalationTeam(List<String> teams, Classification classification, String current) {
        for (String team : teams) {
            if (ESCALATION_TEAM.matcher(team).find() && !team.equals(current)) {
                return team;
            }
        }
        if (!classification.teams().isEmpty() && !classification.teams().get(0).value().equals(current)) {
            return classification.teams().get(0).value();
        }
        return null;
    }

    static int rank(String priority) {
        return switch (priority == null ? "" : priority) {
            case "low" -> 1;
            case "medium" -> 2;
            case "high" -> 3;
            case "urgent" -> 4;
            case "critical" -> 5;
            default -> 2;
        };
    }

    static boolean needsDetails(String text) {
        int words = words(text);
        boolean hasNumber = NUMBER.matcher(text).find();
        boolean hasErrorText = QUOTED_ERROR.matcher(text).find();
        return words < 25 && !hasNumber && !hasErrorText || words < 40 && BROKEN.matcher(text).find() && !hasErrorText && !hasNumber;
    }

    static List<String> questions(String text) {
        List<String> questions = new ArrayList<>();
        if (MONEY.matcher(text).find()) {
            questions.add("Could you send the order number, or the date and amount of the payment?");
        }
        if (ACCOUNT.matcher(text).find()) {
            questions.add("Which email address or username is the account under?");
        }
        if (BROKEN.matcher(text).find()) {
            questions.add("What exactly happens when you try, and what does any message on screen say (a screenshot helps)?");
        }
        questions.add("When did this start, and has anything changed since?");
        if (questions.size() < 3) {
            questions.add("Which device, app or browser are you using?");
        }
        return questions.subList(0, Math.min(3, questions.size()));
    }

    private static boolean alreadySent(AssistTicket ticket, KnowledgeIndex.Match article) {
        for (AssistTicket.Turn turn : ticket.turns()) {
            if (turn.author() == AssistTicket.Author.AGENT
                    && (turn.text().contains(article.title()) || article.url() != null && turn.text().contains(article.url()))) {
                return true;
            }
        }
        return false;
    }

    private static String newEmail(AssistTicket ticket) {
        for (AssistTicket.Turn turn : ticket.turns()) {
            if (turn.author() != AssistTicket.Author.CUSTOMER) {
                continue;
            }
            Matcher matcher = EMAIL.matcher(turn.text());
            while (matcher.find()) {
                String found = matcher.group().toLowerCase(Locale.ROOT);
                if (blank(ticket.contactEmail())) {
                    return found;
                }
            }
        }
        return null;
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    static int words(String text) {
        String trimmed = text.strip();
        return trimmed.isEmpty() ? 0 : trimmed.split("\\s+").length;
    }

    static String excerpt(String text) {
        String flat = text.replaceAll("\\s+", " ").strip();
        return flat.length() <= 120 ? flat : flat.substring(0, 117) + "…";
    }
}
