package org.relaydesk.core.csat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.relaydesk.api.ticket.TicketStatus;
import org.relaydesk.core.error.InvalidInputException;

/** When a survey is due, whether it may still go out, through which channel, and how long its link opens, on a fixed clock. */
class SurveyPolicyTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-02T09:00:00Z"), ZoneOffset.UTC);
    private static final Instant SOLVED = CLOCK.instant();
    private static final UUID NUMBER = UUID.randomUUID();
    private static final SurveySettings DEFAULTS = SurveySettings.defaults();

    private static SurveySettings with(boolean enabled, int delay, boolean email, boolean whatsApp) {
        return new SurveySettings(enabled, delay, 7, email, whatsApp, "s", "b", "q");
    }

    @Test
    void aSurveyFallsDueTheChosenDelayAfterTheSolve() {
        assertThat(SurveyPolicy.dueAt(SOLVED, with(true, 90, true, true))).isEqualTo(SOLVED.plus(Duration.ofMinutes(90)));
        assertThat(SurveyPolicy.dueAt(SOLVED, with(true, 0, true, true))).as("at once").isEqualTo(SOLVED);
        assertThat(SurveyPolicy.dueAt(SOLVED, DEFAULTS)).as("a day by default").isEqualTo(SOLVED.plus(Duration.ofDays(1)));
    }

    @Test
    void onlyTheResolutionItAsksAboutCountsNeverAnOpenTicket() {
        assertThat(SurveyPolicy.sameResolution(TicketStatus.RESOLVED, SOLVED, SOLVED)).isTrue();
        assertThat(SurveyPolicy.sameResolution(TicketStatus.CLOSED, SOLVED, SOLVED)).as("closed after the solve").isTrue();
        assertThat(SurveyPolicy.sameResolution(TicketStatus.OPEN, null, SOLVED)).as("reopened").isFalse();
        assertThat(SurveyPolicy.sameResolution(TicketStatus.RESOLVED, SOLVED.plusSeconds(3600), SOLVED)).as("reopened and solved again: a new resolution")
                .isFalse();
        assertThat(SurveyPolicy.sameResolution(TicketStatus.RESOLVED, SOLVED.plusNanos(400), SOLVED)).as("as PostgreSQL keeps it, in microseconds")
                .isTrue();
        SurveyPolicy.Decision reopened = SurveyPolicy.decide(DEFAULTS, TicketStatus.OPEN, null, SOLVED, false, null, "mia@shop.test");
        assertThat(reopened.sends()).isFalse();
        assertThat(reopened.outcome()).isEqualTo("cancelled");
    }

    @Test
    void whatsAppWhileItsWindowIsOpenElseEmailElseNothingWithAReason() {
        var open = new SurveyPolicy.WhatsAppRoute(NUMBER, "14155550100", false, true);
        var closed = new SurveyPolicy.WhatsAppRoute(NUMBER, "14155550100", false, false);
        var optedOut = new SurveyPolicy.WhatsAppRoute(NUMBER, "14155550100", true, true);

        SurveyPolicy.Decision whatsApp = SurveyPolicy.decide(DEFAULTS, TicketStatus.RESOLVED, SOLVED, SOLVED, false, open, "mia@shop.test");
        assertThat(whatsApp.channel()).isEqualTo(SurveyPolicy.Channel.WHATSAPP);
        assertThat(whatsApp.accountId()).isEqualTo(NUMBER);
        assertThat(whatsApp.address()).isEqualTo("14155550100");

        SurveyPolicy.Decision email = SurveyPolicy.decide(DEFAULTS, TicketStatus.RESOLVED, SOLVED, SOLVED, false, closed, "mia@shop.test");
        assertThat(email.channel()).isEqualTo(SurveyPolicy.Channel.EMAIL);
        assertThat(email.address()).isEqualTo("mia@shop.test");

        SurveyPolicy.Decision stopped = SurveyPolicy.decide(DEFAULTS, TicketStatus.RESOLVED, SOLVED, SOLVED, false, optedOut, null);
        assertThat(stopped.sends()).as("an opted-out number gets nothing on WhatsApp").isFalse();
        assertThat(stopped.outcome()).isEqualTo("unreachable");
        assertThat(stopped.reason()).contains("opted out").contains("no email address");

        assertThat(SurveyPolicy.decide(DEFAULTS, TicketStatus.RESOLVED, SOLVED, SOLVED, false, optedOut, "mia@shop.test").channel())
                .as("opted out on WhatsApp, still reachable by email").isEqualTo(SurveyPolicy.Channel.EMAIL);
        assertThat(SurveyPolicy.decide(with(true, 0, false, true), TicketStatus.RESOLVED, SOLVED, SOLVED, false, closed, "mia@shop.test").sends())
                .as("email switched off by the admin").isFalse();
        assertThat(SurveyPolicy.decide(with(true, 0, true, false), TicketStatus.RESOLVED, SOLVED, SOLVED, false, open, "mia@shop.test").channel())
                .as("WhatsApp switched off by the admin").isEqualTo(SurveyPolicy.Channel.EMAIL);
    }

    @Test
    void surveysSwitchedOffOrAMergedTicketSendNothing() {
        assertThat(SurveyPolicy.decide(with(false, 0, true, true), TicketStatus.RESOLVED, SOLVED, SOLVED, false, null, "mia@shop.test").outcome())
                .isEqualTo("cancelled");
        assertThat(SurveyPolicy.decide(DEFAULTS, TicketStatus.RESOLVED, SOLVED, SOLVED, true, null, "mia@shop.test").outcome()).isEqualTo("cancelled");
    }

    @Test
    void aLinkOpensOnlyWhileSentAndBeforeItExpires() {
        SurveySettings week = DEFAULTS;
        Instant sent = CLOCK.instant();
        Instant expires = SurveyPolicy.expiresAt(sent, week);
        assertThat(expires).isEqualTo(sent.plus(Duration.ofDays(7)));
        assertThat(SurveyPolicy.opens("sent", expires, sent.plus(Duration.ofDays(6)))).isTrue();
        assertThat(SurveyPolicy.opens("sent", expires, expires)).as("expired at the second").isFalse();
        assertThat(SurveyPolicy.opens("answered", expires, sent)).as("once").isFalse();
        assertThat(SurveyPolicy.opens("cancelled", expires, sent)).isFalse();
        assertThat(SurveyPolicy.opens("sent", null, sent)).isFalse();
        assertThat(SurveyPolicy.opens("queued", expires, sent)).as("its link issued, the email on its way").isTrue();
        assertThat(SurveyPolicy.opens("queued", null, sent)).as("queued, no link issued yet").isFalse();
        assertThat(SurveyPolicy.linkIssued("queued", expires)).isTrue();
        assertThat(SurveyPolicy.linkIssued("unreachable", expires)).isFalse();
    }

    @Test
    void aWhatsAppAnswerIsAScoreOnlyWhenItIsOne() {
        for (int score = 1; score <= 5; score++) {
            assertThat(SurveyPolicy.scoreOf(SurveyPolicy.choiceTitle(score))).isEqualTo(score);
            assertThat(SurveyPolicy.choiceTitle(score).length()).as("fits a WhatsApp list row").isLessThanOrEqualTo(24);
        }
        assertThat(SurveyPolicy.scoreOf(" 4 ")).isEqualTo(4);
        assertThat(SurveyPolicy.scoreOf("6")).isNull();
        assertThat(SurveyPolicy.scoreOf("4 stars but the printer is broken again")).isNull();
        assertThat(SurveyPolicy.scoreOf(null)).isNull();
    }

    @Test
    void settingsOutOfRangeAreRefusedNamingTheField() {
        assertThatThrownBy(() -> new SurveySettings(true, -1, 7, true, true, "s", "b", "q")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("delay_minutes");
        assertThatThrownBy(() -> new SurveySettings(true, 0, 0, true, true, "s", "b", "q")).hasMessageContaining("expiry_days");
        assertThatThrownBy(() -> new SurveySettings(true, 0, 91, true, true, "s", "b", "q")).hasMessageContaining("expiry_days");
        assertThatThrownBy(() -> new SurveySettings(true, 0, 7, true, true, " ", "b", "q")).hasMessageContaining("subject");
        assertThatThrownBy(() -> new SurveySettings(true, 0, 7, true, true, "s", "b", "x".repeat(501))).hasMessageContaining("question");
    }

    @Test
    void theWordingUsesTheCannedResponsesVariables() {
        SurveyWording w = SurveyWording.render(new SurveySettings(true, 0, 7, true, true, "How was {{ticket_number}}?\nReally?",
                "Hi {{customer_name}}, about {{ticket.subject}} from {{workspace.name}} ({{agent_name}}) {{unknown}}", "Rate {{contact.name}}"),
                SurveyWording.variables("Mia", "#TKT-7", "Invoice", "Alex", "Acme"));
        assertThat(w.subject()).as("one line").isEqualTo("How was #TKT-7? Really?");
        assertThat(w.body()).isEqualTo("Hi Mia, about Invoice from Acme (Alex) {{unknown}}");
        assertThat(w.question()).isEqualTo("Rate Mia");
        assertThat(w.emailText("https://desk/survey/acme?t=rds_x", 7)).contains("https://desk/survey/acme?t=rds_x").contains("7 days");
    }

    @Test
    void theFiguresAreTheShareOfFourAndFive() {
        assertThat(CsatReport.score(0, 0)).isNull();
        assertThat(CsatReport.score(8, 7)).isEqualTo(87.5);
        assertThat(CsatReport.score(3, 2)).isEqualTo(66.7);
    }
}
