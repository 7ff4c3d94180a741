package org.relaydesk.plugin.assist;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.relaydesk.api.assist.Answer;
import org.relaydesk.api.assist.AssistTicket;
import org.relaydesk.api.assist.AssistTicket.Author;
import org.relaydesk.api.assist.AssistTicket.Turn;
import org.relaydesk.api.assist.Classification;
import org.relaydesk.api.assist.Draft;
import org.relaydesk.api.assist.KnowledgeHit;
import org.relaydesk.api.assist.NextAction;

/** The assistant with the real sentence model, over a small help centre and history held by a test host. */
class AiAssistProviderTest {
    static final UUID WORKSPACE = UUID.randomUUID();
    static TestHost host;
    static UUID resetPassword;
    static UUID shipping;
    static UUID runbook;
    final AiAssistProvider assistant = new AiAssistProvider();

    @BeforeAll
    static void learn() {
        host = new TestHost();
        resetPassword = host.article("Reset your password", "If you forgot your password, open the sign-in page and choose \"Forgot password\".\n\n"
                + "We email you a link that works for one hour. Follow it and choose a new password of at least 12 characters.", KnowledgeHit.Audience.PUBLIC);
        shipping = host.article("Delivery times", "Orders leave our warehouse within one working day.\n\n"
                + "Standard delivery takes three to five working days; express delivery arrives the next working day.", KnowledgeHit.Audience.PUBLIC);
        host.article("Refunds", "You can return any item within 30 days for a full refund. The money reaches your card within ten days.",
                KnowledgeHit.Audience.CUSTOMERS);
        runbook = host.article("Escalation runbook", "When a merchant's payouts are frozen, page the payments on-call engineer.", KnowledgeHit.Audience.STAFF);
        host.teams.addAll(List.of("Billing", "Technical", "Escalations"));
        host.categories.addAll(List.of("Payments", "Login", "Shipping"));
        for (int i = 0; i < 4; i++) {
            host.solved("Charged twice for my order", "I was billed two times for the same purchase, please refund one", "We refunded the duplicate charge.",
                    "Payments", "Billing", "high", "refund", "standard");
            host.solved("Refund not received", "I returned the item but the money has not come back to my card", "The refund was issued today.",
                    "Payments", "Billing", "medium", "refund", "standard");
            host.solved("Cannot log in", "The app says my password is wrong although I just changed it", "Clearing the app's cache fixed it.",
                    "Login", "Technical", "medium", "standard");
            host.solved("Where is my parcel", "My package has not arrived after a week", "It was delayed at the depot and arrives tomorrow.",
                    "Shipping", "Billing", "low", "standard");
        }
        Assistant.start(host);
        Assistant.current().retrain(WORKSPACE);
    }

    @AfterAll
    static void stop() {
        Assistant.stop();
    }

    @BeforeEach
    void offline() {
        host.settings.clear();
    }

    @Test
    void findsTheArticleThatAnswersAQuestionWordedDifferently() {
        List<KnowledgeHit> hits = assistant.relatedKnowledge(WORKSPACE, "I can't remember my login and can't get into my account",
                KnowledgeHit.Audience.PUBLIC, 3);

        assertThat(hits).isNotEmpty();
        assertThat(hits.get(0).id()).isEqualTo(resetPassword);
        assertThat(hits.get(0).url()).endsWith("/help/article/reset-your-password");
    }

    @Test
    void keepsInternalArticlesAndTicketsFromCustomers() {
        String question = "merchant payouts are frozen, what do we do";

        assertThat(assistant.relatedKnowledge(WORKSPACE, question, KnowledgeHit.Audience.CUSTOMERS, 5))
                .noneMatch(h -> h.id().equals(runbook)).noneMatch(h -> h.source() == KnowledgeHit.Source.TICKET);
        assertThat(assistant.relatedKnowledge(WORKSPACE, question, KnowledgeHit.Audience.STAFF, 5)).extracting(KnowledgeHit::id).contains(runbook);
        assertThat(assistant.answer(WORKSPACE, question, KnowledgeHit.Audience.PUBLIC, "en").sources()).noneMatch(h -> h.id().equals(runbook));
    }

    @Test
    void answersFromTheArticleOrSaysItDoesNotKnow() {
        Answer known = assistant.answer(WORKSPACE, "How long does shipping take?", KnowledgeHit.Audience.PUBLIC, "en");
        assertThat(known.known()).isTrue();
        assertThat(known.sources().get(0).id()).isEqualTo(shipping);
        assertThat(known.text()).contains("Delivery times").contains("three to five working days");

        Answer unknown = assistant.answer(WORKSPACE, "Which football team won the league in 1987?", KnowledgeHit.Audience.PUBLIC, "pt-BR");
        assertThat(unknown.known()).isFalse();
        assertThat(unknown.sources()).isEmpty();
        assertThat(unknown.text()).startsWith("Não sei");
    }

    @Test
    void filesANewTicketAsTheWorkspaceFiledSimilarOnes() {
        Classification filed = assistant.classify(ticket("open", null, List.of(turn(Author.CUSTOMER,
                "Hello, my card was debited twice for one order. Can you give me my money back for the second payment?"))));

        assertThat(filed.categories().get(0).value()).isEqualTo("Payments");
        assertThat(filed.teams().get(0).value()).isEqualTo("Billing");
        assertThat(filed.categories().get(0).confidence()).isGreaterThan(0.5);
        assertThat(filed.tags()).extracting(Classification.Guess::value).contains("refund").doesNotContain("standard");
        assertThat(filed.language().value()).isEqualTo("en");
        assertThat(filed.mood().frustrated()).isFalse();
    }

    @Test
    void aShortVagueRequestGetsQuestionsAndNoArticleItDoesNotMatch() {
        List<NextAction> actions = assistant.suggestNextActions(ticket("new", null, List.of(turn(Author.CUSTOMER, "The app doesn't work"))));

        NextAction ask = kind(actions, NextAction.Kind.REQUEST_INFO);
        assertThat(ask.arguments().get("questions")).contains("what does any message on screen say");
        assertThat(actions).noneMatch(a -> a.kind() == NextAction.Kind.CLOSE_WITH_CHECKLIST || a.kind() == NextAction.Kind.FOLLOW_UP);
    }

    @Test
    void anAngryCustomerIsEscalatedWithTheReasonsInTheNote() {
        List<NextAction> actions = assistant.suggestNextActions(ticket("open", "Billing", List.of(
                turn(Author.CUSTOMER, "I was charged twice for order 88231."),
                turn(Author.AGENT, "We are looking into it."),
                turn(Author.CUSTOMER, "This is the THIRD TIME I am writing and still no refund. Absolutely ridiculous!!! I will cancel my account."))));

        NextAction escalate = actions.get(0);
        assertThat(escalate.kind()).isEqualTo(NextAction.Kind.ESCALATE);
        assertThat(escalate.arguments()).containsEntry("team", "Escalations").containsEntry("priority", "high");
        assertThat(escalate.arguments().get("note")).contains("ridiculous").contains("cancel my account");
    }

    @Test
    void aThankYouAfterOurAnswerSuggestsResolvingWithTheChecklist() {
        List<NextAction> actions = assistant.suggestNextActions(ticket("open", "Technical", List.of(
                turn(Author.CUSTOMER, "I can't log in to the app, error 'invalid credentials' since this morning"),
                turn(Author.AGENT, "Please clear the app's cache and try again."),
                turn(Author.CUSTOMER, "Thanks, that worked!"))));

        NextAction close = actions.get(0);
        assertThat(close.kind()).isEqualTo(NextAction.Kind.CLOSE_WITH_CHECKLIST);
        assertThat(close.arguments().get("checklist")).contains("The customer confirmed it works").contains("satisfaction survey");
        assertThat(actions).noneMatch(a -> a.kind() == NextAction.Kind.ESCALATE || a.kind() == NextAction.Kind.REQUEST_INFO);
    }

    @Test
    void aQuestionTheHelpCentreAnswersSuggestsSendingThatArticleOnce() {
        Turn question = turn(Author.CUSTOMER, "Hi, I forgot my password and the sign-in page will not let me in. How do I choose a new one?");
        List<NextAction> first = assistant.suggestNextActions(ticket("new", null, List.of(question)));
        NextAction send = kind(first, NextAction.Kind.SEND_ARTICLE);
        assertThat(send.arguments()).containsEntry("article", resetPassword.toString());
        assertThat(first).as("a how-to question the help centre answers needs no questions back").noneMatch(a -> a.kind() == NextAction.Kind.REQUEST_INFO);

        List<NextAction> afterSending = assistant.suggestNextActions(ticket("waiting_on_customer", null, List.of(question,
                turn(Author.AGENT, "Here is how: Reset your password https://help.example.test/help/article/reset-your-password"))));
        assertThat(afterSending).noneMatch(a -> a.kind() == NextAction.Kind.SEND_ARTICLE);
        assertThat(kind(afterSending, NextAction.Kind.FOLLOW_UP).arguments()).containsEntry("in_hours", "48");
    }

    @Test
    void anAddressInTheThreadIsOfferedForTheCustomerRecordThatHasNone() {
        NextAction update = kind(assistant.suggestNextActions(ticket("open", null, List.of(
                turn(Author.CUSTOMER, "Please write to me at Maria.Silva@example.org instead, my order 55123 is late")))), NextAction.Kind.UPDATE_CONTACT);

        assertThat(update.arguments()).containsEntry("field", "email").containsEntry("value", "maria.silva@example.org");
    }

    @Test
    void aSolvedTicketHasNothingToSuggest() {
        assertThat(assistant.suggestNextActions(ticket("resolved", null, List.of(turn(Author.CUSTOMER, "It doesn't work!!! ridiculous"))))).isEmpty();
    }

    @Test
    void offlineDraftsQuoteTheArticleAndLinkIt() {
        Draft draft = assistant.draftReply(ticket("new", null, List.of(turn(Author.CUSTOMER, "How do I reset my password? I forgot it."))));

        assertThat(draft.model()).isEqualTo("extractive");
        assertThat(draft.text()).startsWith("Hi Maria,").contains("Forgot password").contains("https://help.example.test/help/article/reset-your-password");
        assertThat(draft.sources()).extracting(KnowledgeHit::id).contains(resetPassword);
    }

    @Test
    void theModelGetsOnlyThePassagesAndNoPersonalDataAndItsCitationsAreKept() throws Exception {
        try (FakeChatCompletions model = new FakeChatCompletions()) {
            model.reply = request -> "Hello " + Redactor.CUSTOMER + ", choose \"Forgot password\" on the sign-in page [1].";
            host.settings.put("generation.url", model.baseUrl());
            host.settings.put("generation.api_key", "sk-test-123");

            Draft draft = assistant.draftReply(ticket("new", null, List.of(turn(Author.CUSTOMER,
                    "How do I reset my password? I'm Maria Silva, maria.silva@example.org, +44 7700 900123"),
                    turn(Author.NOTE, "Internal: she is on the VIP list, do not mention the outage"))));

            assertThat(draft.text()).isEqualTo("Hello Maria, choose \"Forgot password\" on the sign-in page [1].");
            assertThat(draft.model()).isEqualTo("gpt-4o-mini");
            assertThat(draft.sources()).extracting(KnowledgeHit::id).containsExactly(resetPassword);
            String sent = FakeChatCompletions.userMessage(model.requests.get(0));
            assertThat(sent).contains("[1] Reset your password").doesNotContain("Maria").doesNotContain("maria.silva@example.org")
                    .doesNotContain("7700 900123").contains("[email]").contains("[phone]").as("notes stay out of a reply's prompt")
                    .doesNotContain("VIP list");
            assertThat(model.authorizations.get(0)).isEqualTo("Bearer sk-test-123");
        }
    }

    @Test
    void whenTheModelSaysItDoesNotKnowTheAnswerIsUnknownAndWhenItFailsThePassagesAnswer() throws Exception {
        try (FakeChatCompletions model = new FakeChatCompletions()) {
            host.settings.put("generation.url", model.baseUrl());
            model.reply = request -> "I don't know";
            Answer unknown = assistant.answer(WORKSPACE, "How long does shipping take?", KnowledgeHit.Audience.PUBLIC, "en");
            assertThat(unknown.known()).isFalse();

            model.status = 500;
            Answer fallback = assistant.answer(WORKSPACE, "How long does shipping take?", KnowledgeHit.Audience.PUBLIC, "en");
            assertThat(fallback.known()).isTrue();
            assertThat(fallback.model()).isEqualTo("extractive");
            assertThat(fallback.text()).contains("three to five working days");
        }
    }

    @Test
    void theSummarySaysWhatWasAskedAndWhereItStands() {
        String summary = assistant.summarise(ticket("waiting_on_customer", null, List.of(
                turn(Author.CUSTOMER, "Hello,\nMy parcel 55123 has not arrived. It was due Monday."),
                turn(Author.AGENT, "It was delayed at the depot. It should arrive tomorrow."),
                turn(Author.NOTE, "Checked with the courier")))).text();

        assertThat(summary).contains("Asked: My parcel 55123 has not arrived.").contains("1 message from the customer, 1 reply, 1 note")
                .contains("status waiting on customer").contains("Latest (agent): It was delayed at the depot.");
    }

    static NextAction kind(List<NextAction> actions, NextAction.Kind kind) {
        return actions.stream().filter(a -> a.kind() == kind).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " among " + actions));
    }

    static Turn turn(Author author, String text) {
        return new Turn(author, text, Instant.now());
    }

    static AssistTicket ticket(String status, String team, List<Turn> turns) {
        List<Turn> thread = new ArrayList<>(turns);
        String subject = turns.get(0).text().length() > 40 ? turns.get(0).text().substring(0, 40) : turns.get(0).text();
        return new AssistTicket(WORKSPACE, UUID.randomUUID(), "#2001", subject, status, "medium", "email", null, team,
                team == null ? null : "Alice Agent", List.of(), "Maria Silva", null, Instant.now(), thread, 0);
    }
}
