package org.relaydesk.core.notice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.relaydesk.core.error.InvalidInputException;

class NoticeTextTest {
    @Test
    void fillsTheCannedResponseVariablesAndItsOwnOnce() {
        NoticeText text = NoticeText.checked(NoticeKind.AGENT_MENTIONED, "{{ actor_name }} mentioned you on {{ticket.number}}",
                "Hi {{agent_name}}: {{excerpt}}\r\n{{ticket_link}}");
        NoticeText filled = text.render(Map.of("actor_name", "Sam", "ticket.number", "#9", "agent_name", "Alex",
                "excerpt", "see {{ticket_link}}", "ticket_link", "https://desk.test/agent/tickets/9#message-1"));
        assertThat(filled.subject()).isEqualTo("Sam mentioned you on #9");
        assertThat(filled.body()).as("a value is never rendered again").isEqualTo("Hi Alex: see {{ticket_link}}\nhttps://desk.test/agent/tickets/9#message-1");
    }

    @Test
    void aSubjectStaysOneLineWhateverTheValuesHold() {
        assertThat(new NoticeText("Re: {{ticket.subject}}", "x").render(Map.of("ticket.subject", "a\r\nBcc: eve@evil.test")).subject())
                .isEqualTo("Re: a Bcc: eve@evil.test");
    }

    @Test
    void refusesUnknownVariablesNamingTheOnesItHas() {
        assertThatThrownBy(() -> NoticeText.checked(NoticeKind.TICKET_RECEIVED, "Hi", "{{status_link}} {{agent_password}} {{ticket_link}}"))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.fieldErrors().get("body"))
                        .contains("unknown variables {{agent_password}}, {{ticket_link}}", "{{status_link}}"));
        assertThatThrownBy(() -> NoticeText.checked(NoticeKind.CUSTOMER_REPLY, "{{excerpt}}", "{{reply}}"))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.fieldErrors()).containsOnlyKeys("subject"));
    }

    @Test
    void refusesEmptyOversizedAndMultiLineWordings() {
        assertThatThrownBy(() -> NoticeText.checked(NoticeKind.CUSTOMER_REPLY, " ", ""))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.fieldErrors()).containsKeys("subject", "body"));
        assertThatThrownBy(() -> NoticeText.checked(NoticeKind.CUSTOMER_REPLY, "x".repeat(301), "x".repeat(20_001)))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.fieldErrors().values())
                        .anyMatch(m -> m.startsWith("at most 300")).anyMatch(m -> m.startsWith("at most 20000")));
        assertThatThrownBy(() -> NoticeText.checked(NoticeKind.CUSTOMER_REPLY, "a\nb", "{{reply}}")).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void everyShippedDefaultUsesOnlyItsOwnVariables() {
        for (NoticeKind kind : NoticeKind.values()) {
            assertThat(NoticeText.checked(kind, kind.defaultSubject(), kind.defaultBody()).subject()).isEqualTo(kind.defaultSubject());
        }
    }
}
